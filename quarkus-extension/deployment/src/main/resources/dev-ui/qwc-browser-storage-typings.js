import { LitElement, html, css } from 'lit';
import { typings, path } from 'build-time-data';
import { notifier } from 'notifier';
import '@vaadin/button';
import '@vaadin/icon';

/** The TypeScript types of the application's typed stores, as the application serves them, to copy. */
export class QwcBrowserStorageTypings extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 0.5em; padding: 0 1em 1em 1em; }
        .bar { display: flex; align-items: center; justify-content: space-between; }
        pre { margin: 0; padding: 1em; overflow: auto; background: var(--lumo-contrast-5pct);
            border-radius: var(--lumo-border-radius-m); font-size: var(--lumo-font-size-s); }
    `;

    render() {
        return html`
            <div class="bar">
                <span>Served at <code>${path}/stores.d.ts</code>, for <code>${path}/stores.js</code> and
                    <code>${path}/stores.global.js</code>.</span>
                <vaadin-button theme="tertiary" @click=${() => this._copy()}>
                    <vaadin-icon icon="font-awesome-solid:copy" slot="prefix"></vaadin-icon>Copy
                </vaadin-button>
            </div>
            <pre>${typings}</pre>`;
    }

    _copy() {
        navigator.clipboard.writeText(typings)
            .then(() => notifier.showInfoMessage('stores.d.ts copied to the clipboard'))
            .catch(error => notifier.showErrorMessage('Could not copy: ' + error));
    }
}
customElements.define('qwc-browser-storage-typings', QwcBrowserStorageTypings);
