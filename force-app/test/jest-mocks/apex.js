// Stand-in for '@salesforce/apex': refreshApex resolves so components can await it in tests.
export const refreshApex = jest.fn(() => Promise.resolve());
export const getSObjectValue = jest.fn();
