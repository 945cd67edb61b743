/**
 * The mutation table: deliberate breaks of the kind that pass a parser but fail in an org, each run on the
 * project's real metadata (schema, permission sets, named credential) and expected to fail with the org's error.
 */
import path from 'node:path';
import { loadProject } from '../project/load';
import type { ProjectMetadata } from '../project/types';
import { runTests } from '../runner';

const forceApp = path.resolve(__dirname, '../../../force-app');
let base: ProjectMetadata;

beforeAll(() => {
    base = loadProject([forceApp]);
});

/** Runs `body` as a test method next to the project's classes; returns the outcome line of that test. */
function run(body: string): string {
    const source = `@isTest private class MutationProbe { @isTest static void probe() { ${body} } }`;
    const project: ProjectMetadata = {
        ...base,
        classes: [
            ...base.classes,
            { name: 'MutationProbe', file: 'MutationProbe.cls', source, kind: 'class', apiVersion: 67 }
        ]
    };
    const report = runTests(project, ['MutationProbe']);
    const t = report.tests[0];
    return t.outcome === 'Pass' ? 'Pass' : `${t.outcome}: ${t.message}`;
}

const customer = 'User u = TestDataFactory.createCustomerUser();';
const account =
    "Account a = new Account(Name = 'Acme', Customer_Number__c = '10000001'); insert as system a;";

describe('mutation table: each break fails with the org error', () => {
    it.each([
        [
            'a field missing from Portal_Customer read in user mode',
            `${customer} System.runAs(u) { List<Order> o = [SELECT Id, WHMCS_Order_Id__c FROM Order WITH USER_MODE]; }`,
            /^Fail: System\.QueryException: .*WHMCS_Order_Id__c|^Fail: System\.QueryException: Insufficient permissions/
        ],
        [
            'DML before a callout',
            `${account} Test.setMock(HttpCalloutMock.class, MiddlewareCalloutMock.install().add(200, '{}')); HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Portal_Middleware/v1/x'); r.setMethod('GET'); new Http().send(r);`,
            /^Fail: System\.CalloutException: You have uncommitted work pending\. Please commit or rollback before calling out$/
        ],
        [
            'a bad restricted-picklist value',
            `${account} insert as system new Order(AccountId = a.Id, Status = 'Draft', EffectiveDate = Date.today(), Portal_Category__c = 'Satellite');`,
            /^Fail: System\.DmlException: Insert failed\. First exception on row 0; first error: INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST, .*Satellite/
        ],
        [
            'a missing required field',
            `insert as system new Account(Customer_Number__c = '10000002');`,
            /^Fail: System\.DmlException: Insert failed\. First exception on row 0; first error: REQUIRED_FIELD_MISSING, Required fields are missing: \[Name\]/
        ],
        [
            'a field not queried',
            `${account} Account b = [SELECT Id FROM Account WHERE Id = :a.Id WITH SYSTEM_MODE]; String n = b.Name;`,
            /^Fail: System\.SObjectException: SObject row was retrieved via SOQL without querying the requested field: Account\.Name$/
        ],
        [
            'mixed DML',
            `${account} PermissionSet ps = [SELECT Id FROM PermissionSet WHERE Name = 'Portal_Staff' WITH SYSTEM_MODE]; insert as system new PermissionSetAssignment(AssigneeId = UserInfo.getUserId(), PermissionSetId = ps.Id);`,
            /^Fail: System\.DmlException: Insert failed\. First exception on row 0; first error: MIXED_DML_OPERATION, DML operation on setup object is not permitted after you have updated a non-setup object \(or vice versa\): PermissionSetAssignment, original object: Account/
        ],
        [
            'a null dereference',
            'Account a; String n = a.Name;',
            /^Fail: System\.NullPointerException: Attempt to de-reference a null object$/
        ],
        [
            'a callout without a mock',
            "HttpRequest r = new HttpRequest(); r.setEndpoint('callout:Portal_Middleware/v1/x'); r.setMethod('GET'); new Http().send(r);",
            /^Fail: System\.CalloutException: Methods defined as TestMethod do not support Web service callouts$/
        ],
        [
            'the 101st query',
            'for (Integer i = 0; i < 101; i++) { List<Account> l = [SELECT Id FROM Account WITH SYSTEM_MODE]; }',
            /^Fail: System\.LimitException: Too many SOQL queries: 101$/
        ],
        [
            'a wrong JSON type',
            'MiddlewareClient.PostalAddress p = (MiddlewareClient.PostalAddress) JSON.deserialize(\'{"city": [1, 2]}\', MiddlewareClient.PostalAddress.class);',
            /^Fail: System\.JSONException: /
        ],
        ['a bad Id', "Id x = 'not-an-id';", /^Fail: System\.StringException: Invalid id: not-an-id$/],
        [
            'a duplicate external id',
            `${account} insert as system new Account(Name = 'Other', Customer_Number__c = '10000001');`,
            /^Fail: System\.DmlException: Insert failed\. First exception on row 0; first error: DUPLICATE_VALUE, duplicate value found: Customer_Number__c duplicates value on record with id: 001/
        ]
    ])('%s', (_name, body, expected) => {
        expect(run(body)).toMatch(expected);
    });
});
