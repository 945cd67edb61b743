/**
 * Platform facts about standard objects that the sobject-types jar does not carry (it has only field names and
 * Apex types): key prefixes, labels, setup/read-only objects, required fields, text lengths, field types the Apex
 * type hides (picklist, email, phone, currency...), standard picklist values and polymorphic reference targets.
 *
 * Sources: APEX-PLATFORM.md §1 (key prefixes), §5 (mixed DML setup objects, Order/OrderItem/PricebookEntry
 * requirements) and the Salesforce Object Reference for each object (lengths, required fields, picklist values
 * of a new org). Anything not listed here falls back to the conservative defaults of standard.ts: nillable,
 * createable and updateable as the jar's type allows, no length limit, no picklist values.
 */
import type { FieldType } from './types';

export interface FieldOverlay {
    type?: FieldType;
    label?: string;
    length?: number;
    precision?: number;
    scale?: number;
    /** Required on create: nillable false and not defaulted. */
    required?: boolean;
    /** Not nillable, but the platform fills it on insert (a picklist default, an auto number...). */
    defaulted?: boolean;
    createable?: boolean;
    updateable?: boolean;
    calculated?: boolean;
    unique?: boolean;
    externalId?: boolean;
    caseSensitive?: boolean;
    /** Picklist values; the first entry flagged with `*` is the default (`'*Draft'`). */
    values?: string[];
    restricted?: boolean;
    /** Targets of a polymorphic or id-only reference. */
    referenceTo?: string[];
    defaultValue?: unknown;
}

export interface ObjectOverlay {
    /** First three characters of the object's Ids (APEX-PLATFORM.md §1; others from the community prefix list). */
    keyPrefix?: string;
    label?: string;
    labelPlural?: string;
    /** Setup object (APEX-PLATFORM.md §5): DML mixed with non-setup objects is MIXED_DML_OPERATION. */
    setup?: boolean;
    /** No DML at all from Apex (system-maintained or read-only objects). */
    readOnly?: boolean;
    /** Insert allowed, update not (assignment/junction rows). */
    notUpdateable?: boolean;
    fields?: Record<string, FieldOverlay>;
    /** Child relationship name → the child's field, where the jar's types leave several candidates. */
    childFields?: Record<string, string>;
}

const req = (length?: number): FieldOverlay => (length ? { required: true, length } : { required: true });
const text = (length: number): FieldOverlay => ({ length });
const pick = (values: string[], extra: FieldOverlay = {}): FieldOverlay => ({
    type: 'picklist',
    values,
    ...extra
});

/** User locale settings: restricted picklists in an org; their value lists are not modelled (any value passes). */
const USER_LOCALE_KEYS: Record<string, FieldOverlay> = {
    TimeZoneSidKey: { type: 'picklist', required: true, length: 40 },
    LocaleSidKey: { type: 'picklist', required: true, length: 40 },
    EmailEncodingKey: { type: 'picklist', required: true, length: 40 },
    LanguageLocaleKey: { type: 'picklist', required: true, length: 40 }
};

const INDUSTRY = [
    'Agriculture',
    'Apparel',
    'Banking',
    'Biotechnology',
    'Chemicals',
    'Communications',
    'Construction',
    'Consulting',
    'Education',
    'Electronics',
    'Energy',
    'Engineering',
    'Entertainment',
    'Environmental',
    'Finance',
    'Food & Beverage',
    'Government',
    'Healthcare',
    'Hospitality',
    'Insurance',
    'Machinery',
    'Manufacturing',
    'Media',
    'Not For Profit',
    'Recreation',
    'Retail',
    'Shipping',
    'Technology',
    'Telecommunications',
    'Transportation',
    'Utilities',
    'Other'
];
const LEAD_SOURCE = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other'];
const SALUTATION = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.', 'Mx.'];
const RATING = ['Hot', 'Warm', 'Cold'];

export const OBJECT_OVERLAY: Record<string, ObjectOverlay> = {
    Account: {
        keyPrefix: '001',
        fields: {
            Name: req(255),
            AccountNumber: text(40),
            Site: text(80),
            Phone: { type: 'phone', length: 40 },
            Fax: { type: 'phone', length: 40 },
            Website: { type: 'url', length: 255 },
            Description: { type: 'textarea', length: 32000 },
            Industry: pick(INDUSTRY),
            Type: pick([
                'Prospect',
                'Customer - Direct',
                'Customer - Channel',
                'Channel Partner / Reseller',
                'Installation Partner',
                'Technology Partner',
                'Other'
            ]),
            Rating: pick(RATING),
            Ownership: pick(['Public', 'Private', 'Subsidiary', 'Other']),
            AccountSource: pick(LEAD_SOURCE),
            AnnualRevenue: { type: 'currency', precision: 18, scale: 0 },
            NumberOfEmployees: { precision: 8 },
            TickerSymbol: text(20),
            Sic: text(20)
        },
        childFields: { ChildAccounts: 'ParentId', Tasks: 'WhatId', Events: 'WhatId' }
    },
    Contact: {
        keyPrefix: '003',
        fields: {
            LastName: req(80),
            FirstName: text(40),
            Salutation: pick(SALUTATION),
            Name: { calculated: true, createable: false, updateable: false, length: 121 },
            Email: { type: 'email', length: 80 },
            Phone: { type: 'phone', length: 40 },
            MobilePhone: { type: 'phone', length: 40 },
            HomePhone: { type: 'phone', length: 40 },
            OtherPhone: { type: 'phone', length: 40 },
            Fax: { type: 'phone', length: 40 },
            AssistantPhone: { type: 'phone', length: 40 },
            Title: text(128),
            Department: text(80),
            Description: { type: 'textarea', length: 32000 },
            LeadSource: pick(LEAD_SOURCE)
        },
        childFields: { Tasks: 'WhoId', Events: 'WhoId' }
    },
    Lead: {
        keyPrefix: '00Q',
        fields: {
            LastName: req(80),
            FirstName: text(40),
            Company: req(255),
            Name: { calculated: true, createable: false, updateable: false, length: 121 },
            Status: pick(
                [
                    '*Open - Not Contacted',
                    'Working - Contacted',
                    'Closed - Converted',
                    'Closed - Not Converted'
                ],
                {
                    defaulted: true
                }
            ),
            Email: { type: 'email', length: 80 },
            Phone: { type: 'phone', length: 40 },
            MobilePhone: { type: 'phone', length: 40 },
            Website: { type: 'url', length: 255 },
            Salutation: pick(SALUTATION),
            Rating: pick(RATING),
            Industry: pick(INDUSTRY),
            LeadSource: pick(LEAD_SOURCE),
            AnnualRevenue: { type: 'currency', precision: 18, scale: 0 },
            IsConverted: { createable: true, updateable: false }
        },
        childFields: { Tasks: 'WhoId', Events: 'WhoId' }
    },
    Opportunity: {
        keyPrefix: '006',
        fields: {
            Name: req(120),
            StageName: pick(
                [
                    'Prospecting',
                    'Qualification',
                    'Needs Analysis',
                    'Value Proposition',
                    'Id. Decision Makers',
                    'Perception Analysis',
                    'Proposal/Price Quote',
                    'Negotiation/Review',
                    'Closed Won',
                    'Closed Lost'
                ],
                { required: true }
            ),
            CloseDate: req(),
            Amount: { type: 'currency', precision: 18, scale: 2 },
            ExpectedRevenue: { type: 'currency', calculated: true, createable: false, updateable: false },
            Probability: { type: 'percent', precision: 3, scale: 0 },
            Type: pick([
                'Existing Customer - Upgrade',
                'Existing Customer - Replacement',
                'Existing Customer - Downgrade',
                'New Customer'
            ]),
            LeadSource: pick(LEAD_SOURCE),
            ForecastCategoryName: pick(['Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed']),
            IsClosed: { createable: false, updateable: false },
            IsWon: { createable: false, updateable: false },
            Description: { type: 'textarea', length: 32000 }
        },
        childFields: { Tasks: 'WhatId', Events: 'WhatId' }
    },
    Case: {
        keyPrefix: '500',
        fields: {
            CaseNumber: { createable: false, updateable: false, defaulted: true, length: 30 },
            Subject: text(255),
            Description: { type: 'textarea', length: 32000 },
            Status: pick(['*New', 'Working', 'Escalated', 'Closed'], { defaulted: true }),
            Priority: pick(['High', '*Medium', 'Low'], { defaulted: true }),
            Origin: pick(['Phone', 'Email', 'Web']),
            Type: pick(['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other']),
            Reason: pick([
                'Installation',
                'Equipment Complexity',
                'Performance',
                'Breakdown',
                'Equipment Design',
                'Feedback',
                'Other'
            ]),
            SuppliedEmail: { type: 'email', length: 80 },
            SuppliedPhone: text(40),
            IsClosed: { createable: false, updateable: false },
            OwnerId: { referenceTo: ['Group', 'User'] }
        },
        childFields: { Tasks: 'WhatId', Events: 'WhatId' }
    },
    Task: {
        keyPrefix: '00T',
        fields: {
            Subject: {
                type: 'combobox',
                length: 255,
                values: ['Call', 'Send Letter', 'Send Quote', 'Other']
            },
            Status: pick(
                ['*Not Started', 'In Progress', 'Completed', 'Waiting on someone else', 'Deferred'],
                {
                    defaulted: true
                }
            ),
            Priority: pick(['High', '*Normal', 'Low'], { defaulted: true }),
            Description: { type: 'textarea', length: 32000 },
            WhoId: { referenceTo: ['Contact', 'Lead'] },
            OwnerId: { referenceTo: ['Group', 'User'] }
        }
    },
    Event: {
        keyPrefix: '00U',
        fields: {
            Subject: {
                type: 'combobox',
                length: 255,
                values: ['Call', 'Email', 'Meeting', 'Send Letter/Quote', 'Other']
            },
            Description: { type: 'textarea', length: 32000 },
            ShowAs: pick(['*Busy', 'OutOfOffice', 'Free']),
            WhoId: { referenceTo: ['Contact', 'Lead'] }
        }
    },
    Campaign: {
        keyPrefix: '701',
        fields: {
            Name: req(80),
            Status: pick(['Planned', 'In Progress', 'Completed', 'Aborted']),
            Type: pick([
                'Conference',
                'Webinar',
                'Trade Show',
                'Public Relations',
                'Partners',
                'Referral Program',
                'Advertisement',
                'Banner Ads',
                'Direct Mail',
                'Email',
                'Telemarketing',
                'Other'
            ])
        }
    },
    CampaignMember: { keyPrefix: '00v', fields: { CampaignId: req() } },
    Contract: {
        keyPrefix: '800',
        fields: {
            AccountId: req(),
            Status: pick(['*Draft', 'In Approval Process', 'Activated'], { defaulted: true }),
            ContractNumber: { createable: false, updateable: false, defaulted: true, length: 30 },
            StatusCode: { createable: false, updateable: false }
        }
    },
    Order: {
        keyPrefix: '801',
        fields: {
            AccountId: req(),
            EffectiveDate: req(),
            // Restricted standard picklist; a project's standardValueSets/OrderStatus replaces these values.
            Status: pick(['*Draft', 'Activated'], { required: true, restricted: true, length: 40 }),
            StatusCode: {
                type: 'picklist',
                values: ['Draft', 'Activated', 'Cancelled', 'Expired'],
                createable: false,
                updateable: false
            },
            OrderNumber: { createable: false, updateable: false, defaulted: true, length: 30 },
            TotalAmount: {
                type: 'currency',
                calculated: true,
                createable: false,
                updateable: false,
                precision: 18,
                scale: 2
            },
            Name: text(80),
            PoNumber: text(80),
            OrderReferenceNumber: text(80),
            Type: pick([]),
            Description: { type: 'textarea', length: 32000 },
            OwnerId: { referenceTo: ['Group', 'User'] }
        }
    },
    OrderItem: {
        keyPrefix: '802',
        label: 'Order Product',
        labelPlural: 'Order Products',
        fields: {
            OrderId: { required: true, updateable: false },
            PricebookEntryId: { required: true, updateable: false },
            Product2Id: { updateable: false, defaulted: true },
            Quantity: { required: true, precision: 18, scale: 2 },
            UnitPrice: { type: 'currency', required: true, precision: 18, scale: 2 },
            ListPrice: { type: 'currency', precision: 18, scale: 2 },
            TotalPrice: {
                type: 'currency',
                calculated: true,
                createable: false,
                updateable: false,
                precision: 18,
                scale: 2
            },
            OrderItemNumber: { createable: false, updateable: false, defaulted: true, length: 30 },
            Description: text(255)
        }
    },
    Product2: {
        keyPrefix: '01t',
        label: 'Product',
        labelPlural: 'Products',
        fields: {
            Name: req(255),
            ProductCode: text(255),
            Description: { type: 'textarea', length: 4000 },
            Family: pick([]),
            QuantityUnitOfMeasure: pick([]),
            IsActive: { defaultValue: false }
        }
    },
    Pricebook2: {
        keyPrefix: '01s',
        label: 'Price Book',
        labelPlural: 'Price Books',
        fields: {
            Name: req(255),
            Description: text(255),
            IsStandard: { createable: false, updateable: false }
        }
    },
    PricebookEntry: {
        keyPrefix: '01u',
        label: 'Price Book Entry',
        labelPlural: 'Price Book Entries',
        fields: {
            Pricebook2Id: { required: true, updateable: false },
            Product2Id: { required: true, updateable: false },
            UnitPrice: { type: 'currency', required: true, precision: 18, scale: 2 },
            IsActive: { defaultValue: false },
            Name: { createable: false, updateable: false, length: 255 },
            ProductCode: { createable: false, updateable: false, length: 255 }
        }
    },
    Asset: {
        keyPrefix: '02i',
        fields: {
            Name: req(255),
            Status: pick(['Purchased', 'Shipped', 'Installed', 'Registered', 'Obsolete']),
            Price: { type: 'currency', precision: 18, scale: 2 }
        }
    },
    User: {
        keyPrefix: '005',
        setup: true,
        fields: {
            Username: { required: true, length: 80, unique: true, type: 'string' },
            LastName: req(80),
            FirstName: text(40),
            Name: { calculated: true, createable: false, updateable: false, length: 121 },
            Email: { type: 'email', required: true, length: 128 },
            Alias: req(8),
            CommunityNickname: { length: 40, unique: true },
            ProfileId: req(),
            ...USER_LOCALE_KEYS,
            Phone: { type: 'phone', length: 40 },
            MobilePhone: { type: 'phone', length: 40 },
            Title: text(80),
            IsActive: { defaultValue: true },
            UserType: { type: 'picklist', createable: false, updateable: false },
            ContactId: { updateable: false },
            AccountId: { createable: false, updateable: false }
        }
    },
    Profile: {
        keyPrefix: '00e',
        readOnly: true,
        fields: { Name: req(255), UserType: { type: 'picklist' } }
    },
    UserRole: { keyPrefix: '00E', setup: true, fields: { Name: req(80) } },
    UserLicense: { keyPrefix: '100', readOnly: true },
    PermissionSet: {
        keyPrefix: '0PS',
        setup: true,
        fields: { Name: req(80), Label: req(80), IsOwnedByProfile: { createable: false, updateable: false } }
    },
    PermissionSetAssignment: {
        keyPrefix: '0Pa',
        setup: true,
        notUpdateable: true,
        fields: { AssigneeId: req(), PermissionSetId: req() }
    },
    PermissionSetLicense: { keyPrefix: '0PL', readOnly: true },
    PermissionSetGroup: { keyPrefix: '0PG', setup: true },
    ObjectPermissions: { keyPrefix: '110', setup: true },
    FieldPermissions: { keyPrefix: '01k', setup: true },
    SetupEntityAccess: { keyPrefix: '0J0', setup: true },
    Group: {
        keyPrefix: '00G',
        setup: true,
        fields: {
            Name: req(40),
            DeveloperName: { length: 80, defaulted: true },
            Type: pick(['*Regular', 'Queue', 'Role', 'RoleAndSubordinates', 'Organization'], {
                defaulted: true
            })
        }
    },
    GroupMember: {
        keyPrefix: '011',
        setup: true,
        notUpdateable: true,
        fields: { GroupId: req(), UserOrGroupId: req() }
    },
    QueueSobject: {
        keyPrefix: '03g',
        setup: true,
        notUpdateable: true,
        fields: { QueueId: req(), SobjectType: req() }
    },
    Territory2: { setup: true },
    Territory2Model: { setup: true },
    UserTerritory2Association: { setup: true },
    ObjectTerritory2AssignmentRule: { setup: true },
    ObjectTerritory2AssignmentRuleItem: { setup: true },
    RuleTerritory2Association: { setup: true },
    ForecastingShare: { setup: true },
    ContentWorkspace: { keyPrefix: '058', setup: true },
    AuthSession: { keyPrefix: '0Ak', setup: true, readOnly: true },
    Organization: { keyPrefix: '00D', readOnly: true },
    AsyncApexJob: { keyPrefix: '707', readOnly: true },
    CronTrigger: { keyPrefix: '08e', readOnly: true },
    CronJobDetail: { keyPrefix: '08a', readOnly: true },
    ApexClass: { keyPrefix: '01p', readOnly: true },
    ApexTrigger: { keyPrefix: '01q', readOnly: true },
    ApexPage: { keyPrefix: '066', readOnly: true },
    ApexComponent: { keyPrefix: '099', readOnly: true },
    StaticResource: { keyPrefix: '081', readOnly: true },
    RecordType: { keyPrefix: '012', readOnly: true },
    BusinessHours: { keyPrefix: '01m', readOnly: true },
    Network: { keyPrefix: '0DB', readOnly: true },
    NetworkMember: { keyPrefix: '0DO', readOnly: true },
    Site: { keyPrefix: '0DM', readOnly: true },
    EmailTemplate: { keyPrefix: '00X' },
    Folder: { keyPrefix: '00l', readOnly: true },
    Document: { keyPrefix: '015', fields: { Name: req(255), FolderId: req() } },
    Attachment: { keyPrefix: '00P', fields: { Name: req(255), ParentId: req(), Body: req() } },
    Note: { keyPrefix: '002', fields: { Title: req(80), ParentId: req() } },
    ContentVersion: { keyPrefix: '068' },
    ContentDocument: { keyPrefix: '069' },
    ContentDocumentLink: { keyPrefix: '06A' },
    EmailMessage: { keyPrefix: '02s' },
    FeedItem: { keyPrefix: '0D5' },
    OpportunityLineItem: {
        keyPrefix: '00k',
        fields: {
            OpportunityId: req(),
            Quantity: req(),
            UnitPrice: { type: 'currency' },
            TotalPrice: { type: 'currency' },
            ListPrice: { type: 'currency', createable: false, updateable: false }
        }
    },
    OpportunityContactRole: { keyPrefix: '00K', fields: { OpportunityId: req(), ContactId: req() } },
    OpportunityHistory: { keyPrefix: '008', readOnly: true },
    AccountContactRelation: { keyPrefix: '07k' },
    AccountShare: { keyPrefix: '00r' },
    OpportunityShare: { keyPrefix: '00t' },
    CaseComment: { keyPrefix: '00a', fields: { ParentId: req() } },
    Idea: { keyPrefix: '087' },
    Entitlement: { keyPrefix: '550', fields: { Name: req(255), AccountId: req() } },
    ServiceContract: { keyPrefix: '810', fields: { Name: req(255) } },
    ContractLineItem: { keyPrefix: '811' },
    Quote: { keyPrefix: '0Q0', fields: { Name: req(255), OpportunityId: req() } },
    QuoteLineItem: { keyPrefix: '0QL' },
    WorkOrder: { keyPrefix: '0WO' },
    Individual: { keyPrefix: '0PK', fields: { LastName: req(80) } },
    ProcessInstance: { keyPrefix: '04g', readOnly: true },
    ProcessInstanceWorkitem: { keyPrefix: '04i', readOnly: true },
    EntitySubscription: { keyPrefix: '0E8' },
    CollaborationGroup: { keyPrefix: '0F9' },
    Holiday: { keyPrefix: '0C0', readOnly: true },
    Period: { keyPrefix: '026', readOnly: true },
    OrgWideEmailAddress: { keyPrefix: '0D2', readOnly: true },
    Report: { keyPrefix: '00O', readOnly: true },
    Dashboard: { keyPrefix: '01Z', readOnly: true },
    Community: { keyPrefix: '09a', readOnly: true },
    LoginHistory: { keyPrefix: '0Ya', readOnly: true }
};

/** Fields every object shares that the system maintains: never written by DML, always present after insert. */
export const SYSTEM_FIELDS = new Set([
    'Id',
    'CreatedDate',
    'CreatedById',
    'LastModifiedDate',
    'LastModifiedById',
    'SystemModstamp',
    'IsDeleted'
]);

/** Read-only fields the platform computes (activity and view tracking). */
export const COMPUTED_FIELDS = new Set(['LastViewedDate', 'LastReferencedDate', 'LastActivityDate']);

/**
 * Fields of optional org features a new org does not have (multi-currency, divisions): the jar lists them on
 * every object, the platform rejects them unless the feature is on.
 */
export const OPTIONAL_FEATURE_FIELDS = new Set(['CurrencyIsoCode', 'Division']);

/** Field names whose String type is a phone, email or URL on every standard object. */
export const NAMED_STRING_TYPES: Record<string, FieldType> = {
    Phone: 'phone',
    Fax: 'phone',
    MobilePhone: 'phone',
    HomePhone: 'phone',
    OtherPhone: 'phone',
    AssistantPhone: 'phone',
    Email: 'email',
    Website: 'url'
};

/** Decimal fields whose type is currency or percent on every standard object. */
export const NAMED_NUMBER_TYPES: Record<string, FieldType> = {
    Amount: 'currency',
    UnitPrice: 'currency',
    ListPrice: 'currency',
    TotalPrice: 'currency',
    TotalAmount: 'currency',
    AnnualRevenue: 'currency',
    ExpectedRevenue: 'currency',
    Subtotal: 'currency',
    Probability: 'percent',
    Discount: 'percent'
};

/** Standard value sets (`standardValueSets/<Name>.standardValueSet-meta.xml`) → the standard fields they feed. */
export const STANDARD_VALUE_SET_FIELDS: Record<string, string[]> = {
    AccountOwnership: ['Account.Ownership'],
    AccountRating: ['Account.Rating'],
    AccountType: ['Account.Type'],
    AssetStatus: ['Asset.Status'],
    CampaignStatus: ['Campaign.Status'],
    CampaignType: ['Campaign.Type'],
    CaseOrigin: ['Case.Origin'],
    CasePriority: ['Case.Priority'],
    CaseReason: ['Case.Reason'],
    CaseStatus: ['Case.Status'],
    CaseType: ['Case.Type'],
    ContractStatus: ['Contract.Status'],
    EventSubject: ['Event.Subject'],
    Industry: ['Account.Industry', 'Lead.Industry'],
    LeadSource: ['Account.AccountSource', 'Contact.LeadSource', 'Lead.LeadSource', 'Opportunity.LeadSource'],
    LeadStatus: ['Lead.Status'],
    OpportunityStage: ['Opportunity.StageName'],
    OpportunityType: ['Opportunity.Type'],
    OrderStatus: ['Order.Status'],
    OrderType: ['Order.Type'],
    Product2Family: ['Product2.Family'],
    QuantityUnitOfMeasure: ['Product2.QuantityUnitOfMeasure'],
    Salutation: ['Contact.Salutation', 'Lead.Salutation'],
    TaskPriority: ['Task.Priority'],
    TaskStatus: ['Task.Status'],
    TaskSubject: ['Task.Subject'],
    TaskType: ['Task.Type']
};

/**
 * Parts of a standard compound address (`BillingCity`...), the same on every object (Salesforce Field
 * Reference, Order: City 40, Country 80, State 80, Street textarea 255, PostalCode 20).
 */
export const ADDRESS_PART_OVERLAY: Record<string, FieldOverlay> = {
    Street: { type: 'textarea', length: 255 },
    City: { length: 40 },
    State: { length: 80 },
    PostalCode: { length: 20 },
    Country: { length: 80 },
    GeocodeAccuracy: { type: 'picklist', length: 40 },
    Latitude: { precision: 18, scale: 15 },
    Longitude: { precision: 18, scale: 15 }
};
