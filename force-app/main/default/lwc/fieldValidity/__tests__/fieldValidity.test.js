import { syncFieldValidity } from 'c/fieldValidity';

function fakeInput(field) {
    return { dataset: { field }, setCustomValidity: jest.fn(), reportValidity: jest.fn() };
}

describe('c/fieldValidity', () => {
    it('marks every invalid field (border, no second text) and clears only what it marked', () => {
        const inputs = ['customerNumber', 'email', 'lastName'].map(fakeInput);
        const root = { querySelectorAll: () => inputs };
        syncFieldValidity(root, { customerNumber: 'Digits only', email: 'Bad email', lastName: '' });
        expect(inputs[0].setCustomValidity).toHaveBeenCalledWith(' ');
        expect(inputs[1].setCustomValidity).toHaveBeenCalledWith(' ');
        expect(inputs[0].reportValidity).toHaveBeenCalledTimes(1);
        // A valid field never marked is left to itself (no "complete this field" before any input).
        expect(inputs[2].setCustomValidity).not.toHaveBeenCalled();
        expect(inputs[2].reportValidity).not.toHaveBeenCalled();

        syncFieldValidity(root, { customerNumber: 'Digits only', email: '', lastName: '' });
        expect(inputs[0].reportValidity).toHaveBeenCalledTimes(1);
        expect(inputs[1].setCustomValidity).toHaveBeenLastCalledWith('');
        expect(inputs[1].reportValidity).toHaveBeenCalledTimes(2);
    });

    it('ignores fields it has no message for', () => {
        const other = fakeInput('password');
        syncFieldValidity({ querySelectorAll: () => [other] }, { email: 'x' });
        expect(other.setCustomValidity).not.toHaveBeenCalled();
    });
});
