/* global document */
import { bootstrap } from './env.js';
import { label } from './labels.js';

// lightning/confirm: an SLDS modal outside the component tree; resolves to the user's answer.
function text(name, fallback) {
    const value = label(name);
    return value === `c.${name}` ? fallback : value;
}

export default class LightningConfirm {
    static open({ message = '', label: title = '', variant = 'default', theme = 'default' } = {}) {
        return new Promise((resolve) => {
            const previousFocus = document.activeElement;
            const root = document.createElement('div');
            root.className = 'preview-confirm';
            const headingId = `preview-confirm-heading-${Date.now()}`;
            const themed = theme && theme !== 'default' ? ` slds-theme_${theme}` : '';
            root.innerHTML = `
<section role="alertdialog" tabindex="-1" aria-modal="true" aria-labelledby="${headingId}"
         aria-describedby="${headingId}-body" class="slds-modal slds-fade-in-open slds-modal_prompt">
  <div class="slds-modal__container">
    <div class="slds-modal__header${themed}${variant === 'headerless' ? ' slds-modal__header_empty' : ''}">
      <h1 id="${headingId}" class="slds-modal__title slds-hyphenate"></h1>
    </div>
    <div class="slds-modal__content slds-p-around_medium" id="${headingId}-body"><p></p></div>
    <div class="slds-modal__footer">
      <button type="button" class="slds-button slds-button_neutral" data-answer="cancel"></button>
      <button type="button" class="slds-button slds-button_brand" data-answer="ok"></button>
    </div>
  </div>
</section>
<div class="slds-backdrop slds-backdrop_open" role="presentation"></div>`;
            root.querySelector('h1').textContent =
                title || (bootstrap.language === 'ja' ? '確認' : 'Confirm');
            root.querySelector('p').textContent = message;
            root.querySelector('[data-answer="cancel"]').textContent = text('Portal_Common_Cancel', 'Cancel');
            root.querySelector('[data-answer="ok"]').textContent = 'OK';
            const close = (answer) => {
                root.remove();
                if (previousFocus && previousFocus.focus) previousFocus.focus();
                resolve(answer);
            };
            root.addEventListener('click', (event) => {
                const answer = event.target.getAttribute && event.target.getAttribute('data-answer');
                if (answer) close(answer === 'ok');
            });
            root.addEventListener('keydown', (event) => {
                if (event.key === 'Escape') close(false);
            });
            document.body.appendChild(root);
            root.querySelector('[data-answer="ok"]').focus();
        });
    }
}
