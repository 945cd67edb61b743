import { failureLine, parseSfOutput } from '../sf-cli';

describe('sf output', () => {
    it('parses the JSON document after any warnings', () => {
        expect(parseSfOutput('Warning: update available\n{"status":0,"result":{}}')).toEqual({
            status: 0,
            result: {}
        });
        expect(parseSfOutput('no json here')).toBeUndefined();
        expect(parseSfOutput('{ broken')).toBeUndefined();
    });

    it('a failure without a JSON message shows the last line only, never a token, never a wall of text', () => {
        expect(failureLine('Error: first\n    at stack (x.js:1)\nERROR_CODE: the real reason\n\n')).toBe(
            'ERROR_CODE: the real reason'
        );
        expect(failureLine('Access Token  00D5g000004ABCD!AQ4AQFake.Token_Value-123 expired')).toBe(
            'Access Token  <token> expired'
        );
        expect(failureLine('x'.repeat(1000))).toHaveLength(301);
        expect(failureLine('')).toBe('no output');
        expect(failureLine('\n  \n')).toBe('no output');
    });
});
