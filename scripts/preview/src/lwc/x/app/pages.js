// Which force-app component renders each site page (the Experience Builder page layout of the real site).
// access: who may open it; the shell sends everyone else to the login page (guests) or Home.
// The first component that exists in force-app is used; the placeholder stands in until one lands.
export const PAGES = {
    Home: { access: 'customer', components: ['portalHome', 'portalDashboard'] },
    Catalog__c: { access: 'customer', components: ['portalCatalog', 'productCatalog'] },
    Checkout__c: { access: 'customer', components: ['portalCheckout', 'orderCheckout'] },
    Orders__c: { access: 'customer', components: ['portalOrders', 'portalOrderList', 'myOrders'] },
    Order_Detail__c: { access: 'customer', components: ['portalOrderDetail', 'orderDetail'] },
    Invoices__c: { access: 'customer', components: ['portalInvoices', 'invoiceList'] },
    Subscriptions__c: { access: 'customer', components: ['portalSubscriptions', 'subscriptionList'] },
    Payment_Methods__c: { access: 'customer', components: ['portalPaymentMethods', 'paymentMethods'] },
    Profile__c: { access: 'customer', components: ['portalProfileAddress', 'portalProfile'] },
    Register: { access: 'guest', components: ['portalSignup'] },
    Link_Account__c: { access: 'guest', components: ['portalAccountLink'] },
    // The site's login page; the shell's login stands in for Salesforce's internal (staff) login at /staff and
    // /login?as=staff, and for the site's login until its component exists.
    Login: { access: 'any', components: ['portalLogin'] },
    Staff: { access: 'staff', shell: 'staff' },
    Service_Change__c: { access: 'customer', components: ['portalServiceChange'] },
    Invoice_Detail__c: { access: 'customer', components: ['portalInvoiceDetail'] }
};

export const STAFF_COMPONENTS = {
    provisioning: ['orderProvisioningPanel'],
    billing: ['accountBillingPanel'],
    serviceRequest: ['serviceRequestPanel']
};

// Salesforce's internal login (staff): the Staff page, or the login page with ?as=staff.
export function isStaffLogin(pageRef) {
    return pageRef.attributes.name === 'Staff' || pageRef.state.as === 'staff';
}

// The first of `names` that exists: its name and its loader (a promise of the constructor).
export function pickComponent(components, names) {
    for (const name of names || []) {
        if (components[name]) return { name, load: components[name] };
    }
    return null;
}

// Resolves to { name: constructor } for the picked components (each module loads once; later calls reuse it).
export async function loadComponents(picks) {
    const found = picks.filter(Boolean);
    const ctors = await Promise.all(found.map((picked) => picked.load()));
    return Object.fromEntries(found.map((picked, i) => [picked.name, ctors[i]]));
}
