// Records navigation requests so tests can assert where a component sent the user.
import { createTestWireAdapter } from '@salesforce/wire-service-jest-util';

export const CurrentPageReference = createTestWireAdapter(jest.fn());

let navigateCalls = [];
let generateUrlCalls = [];

const Navigate = Symbol('Navigate');
const GenerateUrl = Symbol('GenerateUrl');

export const NavigationMixin = (Base) =>
    class extends Base {
        [Navigate](pageReference, replace) {
            navigateCalls.push({ pageReference, replace });
        }
        [GenerateUrl](pageReference) {
            generateUrlCalls.push({ pageReference });
            return Promise.resolve(`/generated/${pageReference?.attributes?.name || 'url'}`);
        }
    };
NavigationMixin.Navigate = Navigate;
NavigationMixin.GenerateUrl = GenerateUrl;

export const getNavigateCalledWith = () => navigateCalls[navigateCalls.length - 1];
export const getAllNavigateCalls = () => navigateCalls;
export const getGenerateUrlCalledWith = () => generateUrlCalls[generateUrlCalls.length - 1];
export const resetNavigationMock = () => {
    navigateCalls = [];
    generateUrlCalls = [];
};
