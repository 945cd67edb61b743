/* global window */
// lightning/uiRecordApi: only the notifications the project's components call. The record pages that would
// refresh in an org (the staff page's headings here) listen for RECORD_UPDATE_EVENT on the window.
export const RECORD_UPDATE_EVENT = 'preview:recordupdate';

export async function notifyRecordUpdateAvailable(recordIds) {
    const ids = (recordIds || []).map((r) => r && r.recordId).filter(Boolean);
    window.dispatchEvent(new CustomEvent(RECORD_UPDATE_EVENT, { detail: { recordIds: ids } }));
}
