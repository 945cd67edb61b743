// Typed params and normalised results of the WHMCS actions the portal uses.
// Conventions of every normalised result: camelCase keys, ids and counts as numbers,
// money as decimal strings with two places ("4980.00"), WHMCS zero dates as null,
// dates as the 'YYYY-MM-DD' / 'YYYY-MM-DD HH:MM:SS' strings WHMCS sends (server-local time).

/** A decimal string with two places, e.g. "5280.00". Never parsed into a float. */
export type Money = string;

/** Custom field values keyed by the WHMCS custom field id (see data/catalog.json whmcsCustomFields). */
export type CustomFieldValues = Record<number, string>;

export type ClientStatus = 'Active' | 'Inactive' | 'Closed';
export type OrderStatus = 'Pending' | 'Active' | 'Fraud' | 'Cancelled' | (string & {});
export type ServiceStatus =
    'Pending' | 'Active' | 'Suspended' | 'Terminated' | 'Cancelled' | 'Fraud' | 'Completed' | (string & {});
export type InvoiceStatus =
    | 'Draft'
    | 'Unpaid'
    | 'Paid'
    | 'Cancelled'
    | 'Refunded'
    | 'Collections'
    | 'Payment Pending'
    | (string & {});
/** Billing cycles in WHMCS's request form (lower case, as AddOrder expects them). */
export type BillingCycle =
    'free' | 'onetime' | 'monthly' | 'quarterly' | 'semiannually' | 'annually' | 'biennially' | 'triennially';
export type PayMethodType =
    'CreditCard' | 'RemoteCreditCard' | 'BankAccount' | 'RemoteBankAccount' | (string & {});

export interface Address {
    line1: string;
    line2: string;
    city: string;
    state: string;
    postalCode: string;
    /** ISO 3166-1 alpha-2 */
    country: string;
}

export interface AddressInput {
    line1: string;
    line2?: string;
    city: string;
    state: string;
    postalCode: string;
    country: string;
}

export interface Paging {
    /** Offset (WHMCS `limitstart`). */
    limitStart?: number;
    /** Page size (WHMCS `limitnum`, default 25). */
    limitNum?: number;
}

// ---------------------------------------------------------------- clients

export interface AddClientParams {
    firstName: string;
    lastName: string;
    email: string;
    address: AddressInput;
    phone?: string;
    companyName?: string;
    /** Password of the new WHMCS User (sent as `password2`). Never logged. */
    password?: string;
    /** Attach to an existing WHMCS User instead of creating one. */
    ownerUserId?: number;
    customFields?: CustomFieldValues;
    /** WHMCS language name, e.g. 'english', 'japanese'. */
    language?: string;
    currency?: number;
    groupId?: number;
    notes?: string;
    clientIp?: string;
    marketingOptIn?: boolean;
    noEmail?: boolean;
    skipValidation?: boolean;
}

export interface AddClientResult {
    clientId: number;
    /** 8.x may answer the owner User id; null when absent. */
    ownerId: number | null;
}

export interface GetClientsDetailsParams {
    clientId?: number;
    email?: string;
    stats?: boolean;
}

export interface ClientUser {
    id: number;
    name: string;
    email: string;
    isOwner: boolean;
}

export interface ClientDetails {
    id: number;
    ownerUserId: number | null;
    uuid: string;
    firstName: string;
    lastName: string;
    fullName: string;
    email: string;
    companyName: string;
    address: Address;
    phone: string;
    status: ClientStatus | (string & {});
    /** Custom field values by field id; fields without a value may be absent. */
    customFields: CustomFieldValues;
    allowSso: boolean;
    language: string;
    currencyId: number | null;
    currencyCode: string;
    defaultGateway: string;
    credit: Money;
    groupId: number | null;
    taxExempt: boolean;
    users: ClientUser[];
    /** Present only when `stats: true` was asked; counts only (amounts are display strings in WHMCS). */
    stats?: ClientStats;
}

export interface ClientStats {
    numUnpaidInvoices: number;
    numOverdueInvoices: number;
    numPaidInvoices: number;
    productsNumActive: number;
    productsNumTotal: number;
}

export interface UpdateClientParams {
    /** Lookup: one of clientId or clientEmail. */
    clientId?: number;
    clientEmail?: string;
    firstName?: string;
    lastName?: string;
    companyName?: string;
    /** New email address. */
    email?: string;
    address?: Partial<AddressInput>;
    phone?: string;
    customFields?: CustomFieldValues;
    language?: string;
    status?: ClientStatus;
    notes?: string;
    paymentMethod?: string;
    skipValidation?: boolean;
}

export interface UpdateClientResult {
    clientId: number;
}

export interface GetClientsParams extends Paging {
    search?: string;
    status?: ClientStatus;
    sorting?: 'ASC' | 'DESC';
    orderBy?:
        'id' | 'firstname' | 'lastname' | 'companyname' | 'email' | 'groupid' | 'datecreated' | 'status';
}

export interface ClientSummary {
    id: number;
    firstName: string;
    lastName: string;
    companyName: string;
    email: string;
    dateCreated: string | null;
    groupId: number | null;
    status: string;
}

export interface GetClientsResult {
    total: number;
    startNumber: number;
    clients: ClientSummary[];
}

export interface ValidateLoginParams {
    email: string;
    /** Sent as `password2`. Never logged. */
    password: string;
}

export interface ValidateLoginResult {
    /** In WHMCS 8.x a User id, not a client id. Resolve the client with getClientsDetails({ email }). */
    userId: number;
    twoFactorEnabled: boolean;
    // `passwordhash` (a WHMCS session token) is deliberately dropped: nothing here needs it.
}

// ---------------------------------------------------------------- SSO

export type SsoDestination =
    | 'clientarea:homepage'
    | 'clientarea:profile'
    | 'clientarea:billing_info'
    | 'clientarea:services'
    | 'clientarea:product_details'
    | 'clientarea:invoices'
    | 'sso:custom_redirect'
    | (string & {});

export interface CreateSsoTokenParams {
    clientId?: number;
    userId?: number;
    destination?: SsoDestination;
    serviceId?: number;
    domainId?: number;
    /** Relative path for `sso:custom_redirect`, e.g. 'viewinvoice.php?id=5'. */
    ssoRedirectPath?: string;
}

export interface SsoToken {
    /** Secret: never log. */
    accessToken: string;
    /** Secret (contains the token): never log. */
    redirectUrl: string;
}

// ---------------------------------------------------------------- pay methods

export interface GetPayMethodsParams {
    clientId: number;
    payMethodId?: number;
    type?: 'CreditCard' | 'BankAccount';
}

export interface PayMethod {
    id: number;
    type: PayMethodType;
    description: string;
    /** '' for locally stored methods. */
    gatewayName: string;
    contactType: string;
    contactId: number | null;
    lastFour: string | null;
    /** 'MM/YY' or null (bank accounts, unknown). */
    expiry: string | null;
    cardType: string | null;
    bankName: string | null;
    /** As WHMCS renders it ('DD/MM/YYYY HH:MM'), or null. */
    lastUpdated: string | null;
}

export interface AddPayMethodParams {
    clientId: number;
    type?: 'CreditCard' | 'RemoteCreditCard' | 'BankAccount';
    description?: string;
    gatewayModuleName?: string;
    /** Never logged. */
    cardNumber?: string;
    /** 'MMYY'. */
    cardExpiry?: string;
    cardStart?: string;
    cardIssueNumber?: number;
    bankName?: string;
    bankAccountType?: string;
    /** Never logged. */
    bankCode?: string;
    /** Never logged. */
    bankAccount?: string;
    setAsDefault?: boolean;
}

export interface AddPayMethodResult {
    clientId: number;
    payMethodId: number;
}

export interface DeletePayMethodParams {
    clientId: number;
    payMethodId: number;
}

/** UpdatePayMethod: only the fields sent are changed (WHMCS refuses a call that changes nothing). */
export interface UpdatePayMethodParams {
    clientId: number;
    payMethodId: number;
    /** 'MMYY'. */
    cardExpiry?: string;
    /** Makes this method the client's default; WHMCS clears the flag on the others. */
    setAsDefault?: boolean;
}

// ---------------------------------------------------------------- orders

export interface AddOrderItem {
    productId: number;
    billingCycle: BillingCycle;
    quantity?: number;
    /** Per-line product custom fields (base64 PHP-serialized on the wire). */
    customFields?: CustomFieldValues;
    /** configOptionId → option value id (or quantity). */
    configOptions?: Record<number, number>;
    /** Decimal string or number. */
    priceOverride?: string | number;
    domain?: string;
}

export interface AddOrderParams {
    clientId: number;
    /** Gateway module name, e.g. 'testcard'. */
    paymentMethod: string;
    items: AddOrderItem[];
    /** Stored on the order; the middleware puts the Salesforce Order Id here. */
    notes?: string;
    promoCode?: string;
    noInvoice?: boolean;
    noInvoiceEmail?: boolean;
    noEmail?: boolean;
    clientIp?: string;
}

export interface AddOrderResult {
    orderId: number;
    /** One service per product line, in line order. */
    serviceIds: number[];
    addonIds: number[];
    domainIds: number[];
    /** null when no invoice was created (noinvoice, or a free order). */
    invoiceId: number | null;
}

export interface AcceptOrderParams {
    orderId: number;
    autoSetup?: boolean;
    sendEmail?: boolean;
    serverId?: number;
    serviceUsername?: string;
    /** Never logged. */
    servicePassword?: string;
    registrar?: string;
    sendRegistrar?: boolean;
}

export interface OrderIdParams {
    orderId: number;
}

export interface CancelOrderParams extends OrderIdParams {
    cancelSub?: boolean;
    noEmail?: boolean;
}

export interface GetOrdersParams extends Paging {
    id?: number;
    userId?: number;
    requestorId?: number;
    status?: OrderStatus;
}

export interface OrderLineItem {
    /** 'product', 'domain', 'addon', … */
    type: string;
    /** Service / domain / addon id. */
    relId: number;
    productType: string;
    /** Display name, "Group - Name". */
    product: string;
    domain: string;
    /** Normalised cycle, or null when WHMCS sent something unknown. */
    billingCycle: BillingCycle | null;
    billingCycleLabel: string;
    amount: Money;
    status: string;
}

export interface Order {
    id: number;
    orderNumber: string;
    userId: number;
    date: string | null;
    amount: Money;
    paymentMethod: string;
    invoiceId: number | null;
    status: OrderStatus;
    /** Status of the order's invoice, e.g. 'Paid', 'Unpaid'; '' when none. */
    paymentStatus: string;
    notes: string;
    lineItems: OrderLineItem[];
}

export interface GetOrdersResult {
    total: number;
    startNumber: number;
    orders: Order[];
}

// ---------------------------------------------------------------- services / products

export interface GetClientsProductsParams extends Paging {
    clientId?: number;
    serviceId?: number;
    productId?: number;
    domain?: string;
}

export interface Service {
    id: number;
    clientId: number;
    orderId: number | null;
    productId: number;
    name: string;
    groupName: string;
    domain: string;
    quantity: number;
    regDate: string | null;
    firstPaymentAmount: Money;
    recurringAmount: Money;
    billingCycle: BillingCycle | null;
    billingCycleLabel: string;
    /** null for one-time / free services (zero date in WHMCS). */
    nextDueDate: string | null;
    status: ServiceStatus;
    paymentMethod: string;
    customFields: CustomFieldValues;
    // `password` (service password, plain text in WHMCS) is deliberately dropped.
}

export interface GetClientsProductsResult {
    total: number;
    startNumber: number;
    services: Service[];
}

export interface GetProductsParams {
    /** One id or several (sent comma separated). */
    productId?: number | number[];
    groupId?: number;
    module?: string;
}

/** Per-cycle prices; null when the cycle is not offered (WHMCS "-1.00"). */
export interface ProductPricing {
    prefix: string;
    suffix: string;
    monthly: Money | null;
    quarterly: Money | null;
    semiannually: Money | null;
    annually: Money | null;
    biennially: Money | null;
    triennially: Money | null;
    monthlySetupFee: Money | null;
}

export interface ProductCustomField {
    id: number;
    name: string;
    description: string;
    required: boolean;
}

export interface Product {
    id: number;
    groupId: number;
    type: string;
    name: string;
    description: string;
    module: string;
    /** 'free' | 'onetime' | 'recurring'. A one-time price sits in `monthly`. */
    payType: string;
    /** Keyed by currency code, e.g. pricing.JPY.monthly. */
    pricing: Record<string, ProductPricing>;
    customFields: ProductCustomField[];
}

export interface GetProductsResult {
    total: number;
    products: Product[];
}

// ---------------------------------------------------------------- invoices

export interface GetInvoicesParams extends Paging {
    /** Client id. */
    userId?: number;
    status?: InvoiceStatus | 'Overdue';
    orderBy?: 'id' | 'invoicenumber' | 'date' | 'duedate' | 'total' | 'status';
    order?: 'asc' | 'desc';
}

export interface InvoiceSummary {
    id: number;
    /** WHMCS `invoicenum` when sequential numbering is on, otherwise the id as a string. */
    number: string;
    userId: number;
    date: string | null;
    dueDate: string | null;
    datePaid: string | null;
    subtotal: Money;
    credit: Money;
    tax: Money;
    total: Money;
    /** Only GetInvoice knows the balance; absent in list results. */
    balance?: Money;
    status: InvoiceStatus;
    paymentMethod: string;
    currencyCode: string;
    currencyPrefix: string;
    currencySuffix: string;
}

export interface GetInvoicesResult {
    total: number;
    startNumber: number;
    invoices: InvoiceSummary[];
}

export interface InvoiceItem {
    id: number;
    type: string;
    relId: number;
    description: string;
    amount: Money;
    taxed: boolean;
}

export interface InvoiceTransaction {
    id: number;
    date: string | null;
    gateway: string;
    transId: string;
    description: string;
    amountIn: Money;
    fees: Money;
    amountOut: Money;
}

export interface Invoice extends Omit<
    InvoiceSummary,
    'balance' | 'currencyCode' | 'currencyPrefix' | 'currencySuffix'
> {
    balance: Money;
    /** Second-level tax (WHMCS `tax2`). */
    tax2: Money;
    /** Tax rates in percent as decimal text without trailing zeros ("10", "8.5"); "0" when none. */
    taxRate: string;
    taxRate2: string;
    /** GetInvoice does not carry currency; '' here. Use the client's currency. */
    currencyCode: string;
    currencyPrefix: string;
    currencySuffix: string;
    notes: string;
    items: InvoiceItem[];
    transactions: InvoiceTransaction[];
}

export interface GetInvoiceParams {
    invoiceId: number;
}

export interface AddInvoicePaymentParams {
    invoiceId: number;
    transId: string;
    gateway: string;
    /** 'YYYY-MM-DD HH:MM:SS'; defaults to now (UTC). */
    date?: string;
    /** Omit for the full balance. */
    amount?: Money | number;
    fees?: Money | number;
    noEmail?: boolean;
}

// ---------------------------------------------------------------- plan change and cancellation

export interface UpgradeProductParams {
    serviceId: number;
    /** Gateway module name (required by WHMCS). */
    paymentMethod: string;
    newProductId: number;
    newProductBillingCycle: BillingCycle;
    /** Only calculate: nothing is ordered. */
    calcOnly?: boolean;
}

export interface UpgradeProductResult {
    oldProductId: number | null;
    oldProductName: string;
    newProductId: number | null;
    newProductName: string;
    /** WHMCS's display string of the prorated charge, e.g. "$-8.67 USD". */
    price: string;
    /** Absent (null) on calconly. */
    orderId: number | null;
    invoiceId: number | null;
}

export type CancelRequestType = 'Immediate' | 'End of Billing Period';

export interface AddCancelRequestParams {
    serviceId: number;
    type: CancelRequestType;
    reason?: string;
}

// ---------------------------------------------------------------- client surface

/** Raw parameter values accepted by `call` (PHP bracket-encoded on the wire). */
export type WhmcsParamValue =
    string | number | boolean | null | undefined | WhmcsParamValue[] | { [key: string]: WhmcsParamValue };
export type WhmcsParams = Record<string, WhmcsParamValue>;
/** A successful WHMCS body (result === 'success'). */
export type WhmcsRawResponse = Record<string, unknown>;

export interface WhmcsClient {
    /** Raw call: sends the action, returns the success body as parsed JSON. Reads are retried, others not. */
    call(action: string, params?: WhmcsParams): Promise<WhmcsRawResponse>;
    addClient(params: AddClientParams): Promise<AddClientResult>;
    getClientsDetails(params: GetClientsDetailsParams): Promise<ClientDetails>;
    updateClient(params: UpdateClientParams): Promise<UpdateClientResult>;
    getClients(params?: GetClientsParams): Promise<GetClientsResult>;
    validateLogin(params: ValidateLoginParams): Promise<ValidateLoginResult>;
    createSsoToken(params: CreateSsoTokenParams): Promise<SsoToken>;
    getPayMethods(params: GetPayMethodsParams): Promise<PayMethod[]>;
    addPayMethod(params: AddPayMethodParams): Promise<AddPayMethodResult>;
    deletePayMethod(params: DeletePayMethodParams): Promise<void>;
    updatePayMethod(params: UpdatePayMethodParams): Promise<void>;
    addOrder(params: AddOrderParams): Promise<AddOrderResult>;
    acceptOrder(params: AcceptOrderParams): Promise<void>;
    pendingOrder(params: OrderIdParams): Promise<void>;
    cancelOrder(params: CancelOrderParams): Promise<void>;
    getOrders(params?: GetOrdersParams): Promise<GetOrdersResult>;
    getClientsProducts(params: GetClientsProductsParams): Promise<GetClientsProductsResult>;
    getProducts(params?: GetProductsParams): Promise<GetProductsResult>;
    getInvoices(params?: GetInvoicesParams): Promise<GetInvoicesResult>;
    getInvoice(params: GetInvoiceParams): Promise<Invoice>;
    addInvoicePayment(params: AddInvoicePaymentParams): Promise<void>;
    upgradeProduct(params: UpgradeProductParams): Promise<UpgradeProductResult>;
    addCancelRequest(params: AddCancelRequestParams): Promise<void>;
    /** GetPaymentMethods: the active gateways (module name and the name customers see). */
    getPaymentGateways(): Promise<PaymentGateway[]>;
}

export interface PaymentGateway {
    module: string;
    displayName: string;
}
