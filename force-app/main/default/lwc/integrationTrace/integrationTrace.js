import { LightningElement, api } from 'lwc';
import { errorLabel } from 'c/portalErrors';
import { formatDateTime } from 'c/portalFormat';

import TRACE from '@salesforce/label/c.Portal_Provisioning_Trace';
import TRACE_EMPTY from '@salesforce/label/c.Portal_Provisioning_TraceEmpty';
import TRACE_UNAVAILABLE from '@salesforce/label/c.Portal_Provisioning_TraceUnavailable';
import COL_AT from '@salesforce/label/c.Portal_Provisioning_TraceAt';
import COL_STEP from '@salesforce/label/c.Portal_Provisioning_TraceStep';
import COL_RESULT from '@salesforce/label/c.Portal_Provisioning_TraceResult';
import COL_CODE from '@salesforce/label/c.Portal_Provisioning_TraceCode';
import COL_MESSAGE from '@salesforce/label/c.ServiceChange_Staff_TraceMessage';

/**
 * The middleware's trace of one integration call for staff: each attempt's time, step, result, code and the
 * billing system's own message; or why the trace is empty or unavailable. For any staff panel.
 */
export default class IntegrationTrace extends LightningElement {
    /** Attempts `{ at, step, result, code, message }` as the middleware answers them. */
    @api trace;
    /** The error code when the trace could not be read (e.g. BILLING_UNAVAILABLE). */
    @api traceError;

    labels = { title: TRACE, empty: TRACE_EMPTY };

    columns = [
        { label: COL_AT, fieldName: 'atText', type: 'text' },
        { label: COL_STEP, fieldName: 'step', type: 'text' },
        { label: COL_RESULT, fieldName: 'result', type: 'text' },
        { label: COL_CODE, fieldName: 'code', type: 'text' },
        { label: COL_MESSAGE, fieldName: 'message', type: 'text', wrapText: true }
    ];

    get rows() {
        return (this.trace || []).map((entry, index) => ({
            ...entry,
            id: `${index}`,
            atText: formatDateTime(entry.at),
            code: entry.code || '',
            message: entry.message || ''
        }));
    }

    get hasRows() {
        return this.rows.length > 0;
    }

    get errorText() {
        return this.traceError ? `${TRACE_UNAVAILABLE} ${errorLabel(this.traceError)}` : '';
    }

    get showEmpty() {
        return !this.hasRows && !this.errorText;
    }
}
