// lightning/platformShowToastEvent: the shell listens for this event and shows the toast.
export const TOAST_EVENT = 'lightning__showtoast';

export class ShowToastEvent extends CustomEvent {
    constructor(toast) {
        super(TOAST_EVENT, { composed: true, cancelable: true, bubbles: true, detail: toast });
    }
}
