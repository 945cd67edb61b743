// The invoice PDF the client area's dl.php?type=i&id=N downloads: a one-page PDF 1.4 with the invoice's
// text in Helvetica, built by hand (no dependency) so tests and the browser journey can open it.
import { money } from './db';
import type { InvoiceRow } from './actions';

/** Printable ASCII only (the standard Helvetica encoding), PDF string escapes applied. */
function pdfText(s: string): string {
    return s.replace(/[^\x20-\x7e]/g, '?').replace(/[\\()]/g, (c) => `\\${c}`);
}

export function invoicePdf(
    inv: InvoiceRow,
    items: { description: string; amount: number }[],
    balance: number
): Buffer {
    const amount = (minor: number) => `JPY ${money(minor)}`;
    const lines = [
        `Invoice #${inv.invoicenum || inv.id}`,
        `Status: ${inv.status}`,
        `Invoice date: ${inv.date}   Due date: ${inv.duedate}`,
        '',
        ...items.map((i) => `${i.description}   ${amount(i.amount)}`),
        '',
        `Subtotal: ${amount(inv.subtotal)}`,
        `${inv.taxrate}% Consumption tax (included): ${amount(inv.tax)}`,
        `Total: ${amount(inv.total)}`,
        `Balance due: ${amount(Math.max(0, balance))}`
    ];
    const content = `BT /F1 11 Tf 50 800 Td 16 TL ${lines.map((l) => `(${pdfText(l)}) Tj T*`).join(' ')} ET`;
    const objects = [
        '<< /Type /Catalog /Pages 2 0 R >>',
        '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
        '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
        `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`
    ];
    let body = '%PDF-1.4\n';
    const offsets: number[] = [];
    objects.forEach((o, i) => {
        offsets.push(Buffer.byteLength(body, 'latin1'));
        body += `${i + 1} 0 obj\n${o}\nendobj\n`;
    });
    const xref = Buffer.byteLength(body, 'latin1');
    body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
    body += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
    body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    return Buffer.from(body, 'latin1');
}
