import IntegrationTrace from 'c/integrationTrace';
import { renderElement, resetDom, $ } from 'test-utils';

const ATTEMPT = {
    at: '2026-12-01T00:00:00Z',
    step: 'SEND',
    result: 'PAUSED',
    code: 'BILLING_REJECTED',
    message: 'The billing system refused this request: Invalid Product ID'
};

describe('c-integration-trace', () => {
    afterEach(resetDom);

    it('lists each attempt with the billing system message', async () => {
        const element = await renderElement('c-integration-trace', IntegrationTrace, { trace: [ATTEMPT] });
        const table = $(element, '[data-id="trace"]');
        expect(table.columns.map((c) => c.fieldName)).toEqual([
            'atText',
            'step',
            'result',
            'code',
            'message'
        ]);
        expect(table.data[0]).toMatchObject({ id: '0', step: 'SEND', message: ATTEMPT.message });
        expect(table.data[0].atText).not.toBe('');
        expect($(element, '[data-id="trace-empty"]')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when there is nothing yet, or when the trace cannot be read', async () => {
        const empty = await renderElement('c-integration-trace', IntegrationTrace, { trace: [] });
        expect($(empty, '[data-id="trace-empty"]')).not.toBeNull();
        await expect(empty).toBeAccessible();
        resetDom();
        const down = await renderElement('c-integration-trace', IntegrationTrace, {
            trace: [],
            traceError: 'BILLING_UNAVAILABLE'
        });
        expect($(down, '[data-id="trace-error"]').textContent).toBe(
            'c.Portal_Provisioning_TraceUnavailable c.Error_BILLING_UNAVAILABLE'
        );
        expect($(down, '[data-id="trace-empty"]')).toBeNull();
    });
});
