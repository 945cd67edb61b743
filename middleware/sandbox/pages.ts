// Server-rendered client-area pages reached through SSO. Plain HTML, no scripts, no external assets.
import { money } from './db';
import type { ClientRow, InvoiceRow, PayMethodRow, ServiceRow } from './actions';

export function esc(v: unknown): string {
    return String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const yen = (minor: number) => `¥${money(minor)}`;

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9;line-height:1.5}
header,main,footer{max-width:52rem;margin:0 auto;padding:1rem 1.25rem}
header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;justify-content:space-between;border-bottom:1px solid #d8dde6;background:#fff;max-width:none}
header p{margin:0;font-weight:600}
nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
a{color:#0b5cab}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #1b96ff;outline-offset:2px}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.5rem;border-bottom:1px solid #d8dde6}
caption{text-align:left;font-weight:600;padding:.5rem 0}
.status{font-weight:600}
.notice{padding:.75rem 1rem;border-radius:.25rem;background:#e3f3e4;border:1px solid #2e844a}
.error{padding:.75rem 1rem;border-radius:.25rem;background:#feded8;border:1px solid #ba0517}
form p{margin:.75rem 0}
label{display:block;font-weight:600}
input,select{font:inherit;padding:.4rem;border:1px solid #747474;border-radius:.25rem;min-width:16rem}
button{font:inherit;padding:.5rem 1rem;border:0;border-radius:.25rem;background:#0b5cab;color:#fff;cursor:pointer}
.hint{color:#444;font-size:.9rem}
.field-error{color:#ba0517;font-size:.9rem}
footer{border-top:1px solid #d8dde6}
`;

export interface PageContext {
    portalUrl: string;
    client?: Pick<ClientRow, 'firstname' | 'lastname'>;
}

export function layout(ctx: PageContext, title: string, body: string): string {
    const nav = ctx.client
        ? `<nav aria-label="Client area"><ul>
<li><a href="clientarea.php">Home</a></li>
<li><a href="clientarea.php?action=invoices">Invoices</a></li>
<li><a href="clientarea.php?action=services">Services</a></li>
<li><a href="index.php?rp=/account/paymentmethods">Payment methods</a></li>
</ul></nav>`
        : '';
    return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} – WHMCS sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<header><p>WHMCS sandbox · test client area${ctx.client ? ` · ${esc(ctx.client.firstname)} ${esc(ctx.client.lastname)}` : ''}</p>${nav}</header>
<main>
<h1>${esc(title)}</h1>
${body}
</main>
<footer><p><a href="${esc(ctx.portalUrl)}">Back to the portal</a></p></footer>
</body>
</html>`;
}

export function messagePage(ctx: PageContext, title: string, message: string): string {
    return layout(ctx, title, `<p class="error" role="alert">${esc(message)}</p>`);
}

export function homePage(
    ctx: PageContext,
    data: { unpaid: number; unpaidTotal: number; services: number; payMethods: number }
): string {
    return layout(
        ctx,
        `Welcome back, ${ctx.client?.firstname ?? ''}`,
        `<ul>
<li><a href="clientarea.php?action=invoices">Invoices</a>: ${data.unpaid} unpaid (${esc(yen(data.unpaidTotal))} due)</li>
<li><a href="clientarea.php?action=services">Services</a>: ${data.services}</li>
<li><a href="index.php?rp=/account/paymentmethods">Payment methods</a>: ${data.payMethods} on file</li>
</ul>`
    );
}

export function invoicesPage(ctx: PageContext, invoices: InvoiceRow[]): string {
    const rows = invoices
        .map(
            (
                i
            ) => `<tr><td><a href="viewinvoice.php?id=${i.id}">Invoice #${esc(i.invoicenum || i.id)}</a></td>
<td>${esc(i.date)}</td><td>${esc(i.duedate)}</td><td>${esc(yen(i.total))}</td><td class="status">${esc(i.status)}</td></tr>`
        )
        .join('\n');
    return layout(
        ctx,
        'Invoices',
        invoices.length === 0
            ? '<p>You have no invoices.</p>'
            : `<table><caption>Your invoices</caption>
<thead><tr><th scope="col">Invoice</th><th scope="col">Date</th><th scope="col">Due date</th><th scope="col">Total</th><th scope="col">Status</th></tr></thead>
<tbody>${rows}</tbody></table>`
    );
}

export function servicesPage(ctx: PageContext, services: (ServiceRow & { label: string })[]): string {
    const rows = services
        .map(
            (
                s
            ) => `<tr><td><a href="clientarea.php?action=productdetails&amp;id=${s.id}">${esc(s.label)}</a></td>
<td class="status">${esc(s.status)}</td><td>${esc(s.billingcycle)}</td><td>${esc(yen(s.amount))}</td>
<td>${s.nextduedate === '0000-00-00' ? '—' : esc(s.nextduedate)}</td></tr>`
        )
        .join('\n');
    return layout(
        ctx,
        'Services',
        services.length === 0
            ? '<p>You have no services.</p>'
            : `<table><caption>Your services</caption>
<thead><tr><th scope="col">Product</th><th scope="col">Status</th><th scope="col">Billing cycle</th><th scope="col">Recurring amount</th><th scope="col">Next due date</th></tr></thead>
<tbody>${rows}</tbody></table>`
    );
}

export function serviceDetailPage(
    ctx: PageContext,
    s: ServiceRow & { label: string },
    fields: { name: string; value: string }[]
): string {
    const extra = fields
        .filter((f) => f.value)
        .map((f) => `<dt>${esc(f.name)}</dt><dd>${esc(f.value)}</dd>`)
        .join('');
    return layout(
        ctx,
        s.label,
        `<dl><dt>Status</dt><dd>${esc(s.status)}</dd><dt>Registered</dt><dd>${esc(s.regdate)}</dd>
<dt>Billing cycle</dt><dd>${esc(s.billingcycle)}</dd><dt>Recurring amount</dt><dd>${esc(yen(s.amount))}</dd>${extra}</dl>`
    );
}

export function profilePage(ctx: PageContext, c: ClientRow): string {
    return layout(
        ctx,
        'Your details',
        `<dl><dt>Name</dt><dd>${esc(c.firstname)} ${esc(c.lastname)}</dd><dt>Email</dt><dd>${esc(c.email)}</dd>
<dt>Address</dt><dd>${esc(c.address1)}${c.address2 ? `, ${esc(c.address2)}` : ''}, ${esc(c.city)}, ${esc(c.state)} ${esc(c.postcode)}, ${esc(c.country)}</dd>
<dt>Phone</dt><dd>${esc(c.phonenumber)}</dd></dl>
<p class="hint">Change your details in the portal.</p>`
    );
}

export function cardLabel(m: PayMethodRow): string {
    if (m.type.endsWith('BankAccount')) return `Bank account${m.bank_name ? ` (${m.bank_name})` : ''}`;
    return `${m.card_type ?? 'Card'} ending ${m.card_last_four ?? '????'}`;
}

export function viewInvoicePage(
    ctx: PageContext,
    data: {
        invoice: InvoiceRow;
        balance: number;
        items: { description: string; amount: number }[];
        cards: PayMethodRow[];
        csrf: string;
        paid: boolean;
        error?: string;
    }
): string {
    const { invoice: inv } = data;
    const items = data.items
        .map((i) => `<tr><td>${esc(i.description)}</td><td>${esc(yen(i.amount))}</td></tr>`)
        .join('\n');
    let pay = '';
    if (inv.status === 'Unpaid' && data.balance > 0) {
        if (data.cards.length > 0) {
            const options = data.cards
                .map(
                    (c) =>
                        `<option value="${c.id}">${esc(cardLabel(c))} (expires ${esc(c.expiry_date)})</option>`
                )
                .join('');
            pay = `<h2>Pay this invoice</h2>
<form method="post" action="viewinvoice.php?id=${inv.id}">
<input type="hidden" name="token" value="${esc(data.csrf)}">
<p><label for="paymethod">Pay with</label><select id="paymethod" name="paymethod">${options}</select></p>
<p class="hint">The sandbox's test gateway approves every payment; no money moves.</p>
<p><button type="submit">Pay now</button></p>
</form>`;
        } else {
            pay = `<h2>Pay this invoice</h2>
<p>You have no usable card on file.</p>
<p><a href="index.php?rp=/account/paymentmethods/add&amp;return=${encodeURIComponent(`viewinvoice.php?id=${inv.id}`)}">Add a card</a> to pay this invoice.</p>`;
        }
    }
    const notice = data.paid ? '<p class="notice" role="status">Payment received. Thank you.</p>' : '';
    const error = data.error ? `<p class="error" role="alert">${esc(data.error)}</p>` : '';
    return layout(
        ctx,
        `Invoice #${inv.invoicenum || inv.id}`,
        `${notice}${error}
<dl><dt>Status</dt><dd class="status" id="invoice-status">${esc(inv.status)}</dd>
<dt>Invoice date</dt><dd>${esc(inv.date)}</dd><dt>Due date</dt><dd>${esc(inv.duedate)}</dd>
${inv.status === 'Paid' ? `<dt>Paid on</dt><dd>${esc(inv.datepaid)}</dd>` : ''}</dl>
<table><caption>Invoice items</caption>
<thead><tr><th scope="col">Description</th><th scope="col">Amount</th></tr></thead>
<tbody>${items}</tbody>
<tfoot><tr><th scope="row">Subtotal</th><td>${esc(yen(inv.subtotal))}</td></tr>
<tr><th scope="row">${esc(inv.taxrate)}% Consumption tax (included)</th><td>${esc(yen(inv.tax))}</td></tr>
<tr><th scope="row">Total</th><td>${esc(yen(inv.total))}</td></tr>
<tr><th scope="row">Balance due</th><td id="invoice-balance">${esc(yen(Math.max(0, data.balance)))}</td></tr></tfoot>
</table>
${pay}
<p><a href="dl.php?type=i&amp;id=${inv.id}">Download PDF</a></p>
<p><a href="clientarea.php?action=invoices">All invoices</a></p>`
    );
}

export function payMethodsPage(ctx: PageContext, methods: PayMethodRow[], added: boolean): string {
    const rows = methods
        .map(
            (m) =>
                `<tr><td>${esc(cardLabel(m))}</td><td>${esc(m.expiry_date ?? '—')}</td><td>${m.is_default ? 'Default' : ''}</td></tr>`
        )
        .join('\n');
    return layout(
        ctx,
        'Payment methods',
        `${added ? '<p class="notice" role="status">Your card has been saved.</p>' : ''}
${
    methods.length === 0
        ? '<p>You have no payment methods on file.</p>'
        : `<table><caption>Saved payment methods</caption>
<thead><tr><th scope="col">Method</th><th scope="col">Expiry</th><th scope="col">Default</th></tr></thead>
<tbody>${rows}</tbody></table>`
}
<p><a href="index.php?rp=/account/paymentmethods/add">Add new payment method</a></p>`
    );
}

export interface CardFormState {
    csrf: string;
    returnTo: string;
    name: string;
    expiry: string;
    errors: { field: 'card-name' | 'card-number' | 'card-expiry'; message: string }[];
}

export function addPayMethodPage(ctx: PageContext, f: CardFormState): string {
    const err = (id: CardFormState['errors'][number]['field']) => f.errors.find((e) => e.field === id);
    const field = (
        id: CardFormState['errors'][number]['field'],
        label: string,
        input: string,
        hint?: string
    ): string => {
        const e = err(id);
        const described = [hint ? `${id}-hint` : '', e ? `${id}-error` : ''].filter(Boolean).join(' ');
        return `<p><label for="${id}">${label}</label>
${hint ? `<span class="hint" id="${id}-hint">${hint}</span><br>` : ''}
${input.slice(0, -2)}${e ? ' aria-invalid="true"' : ''}${described ? ` aria-describedby="${described}"` : ''}>
${e ? `<br><span class="field-error" id="${id}-error">${esc(e.message)}</span>` : ''}</p>`;
    };
    const summary =
        f.errors.length > 0
            ? `<div class="error" role="alert"><p>Please correct the following:</p><ul>${f.errors
                  .map((e) => `<li><a href="#${e.field}">${esc(e.message)}</a></li>`)
                  .join('')}</ul></div>`
            : '';
    const action = `index.php?rp=/account/paymentmethods/add${f.returnTo ? `&amp;return=${encodeURIComponent(f.returnTo)}` : ''}`;
    return layout(
        ctx,
        'Add a card',
        `${summary}
<p class="hint">Sandbox test gateway: use a test number such as 4242 4242 4242 4242 with any future expiry date. Only the brand, the last four digits and the expiry date are kept.</p>
<form method="post" action="${action}" novalidate>
<input type="hidden" name="token" value="${esc(f.csrf)}">
${field('card-name', 'Name on card', `<input id="card-name" name="cardname" type="text" autocomplete="cc-name" required value="${esc(f.name)}"/>`)}
${field('card-number', 'Card number', '<input id="card-number" name="cardnumber" type="text" inputmode="numeric" autocomplete="cc-number" required/>')}
${field(
    'card-expiry',
    'Expiry date',
    `<input id="card-expiry" name="expiry" type="text" inputmode="numeric" autocomplete="cc-exp" placeholder="MM/YY" required value="${esc(f.expiry)}"/>`,
    'MM/YY'
)}
<p><button type="submit">Save card</button></p>
</form>
<p><a href="index.php?rp=/account/paymentmethods">Cancel</a></p>`
    );
}
