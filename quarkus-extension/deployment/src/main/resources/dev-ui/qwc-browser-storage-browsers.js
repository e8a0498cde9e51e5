import { LitElement, html, css } from 'lit';
import { JsonRpc } from 'jsonrpc';
import { notifier } from 'notifier';
import '@vaadin/button';
import '@vaadin/details';
import '@vaadin/icon';
import '@vaadin/progress-bar';
import '@vaadin/text-field';

/** How often the page asks the server again, in milliseconds. */
const REFRESH_MS = 3000;

/**
 * The browsers the server holds a session for, by label, with what each one holds per store, and
 * an edit or removal of one value in one browser: an ordinary server write that completes when the
 * browser acknowledges it.
 */
export class QwcBrowserStorageBrowsers extends LitElement {

    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0 1em 1em 1em; }
        .bar { display: flex; align-items: center; justify-content: space-between; }
        .meta { color: var(--lumo-contrast-60pct); font-size: var(--lumo-font-size-s); }
        .badge { font-size: var(--lumo-font-size-xs); padding: 0.1em 0.5em; border-radius: var(--lumo-border-radius-s);
            background: var(--lumo-contrast-10pct); margin-left: 0.4em; }
        .on { background: var(--lumo-success-color-10pct); color: var(--lumo-success-text-color); }
        .off { background: var(--lumo-error-color-10pct); color: var(--lumo-error-text-color); }
        table { border-collapse: collapse; width: 100%; font-size: var(--lumo-font-size-s); margin-bottom: 0.8em; }
        th, td { text-align: left; padding: 0.2em 0.6em; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: middle; }
        th { color: var(--lumo-contrast-70pct); font-weight: 500; }
        h4 { margin: 0.8em 0 0.2em 0; }
        table.values { table-layout: fixed; }
        td.actions { white-space: nowrap; }
        vaadin-text-field { width: 100%; }
        .problem { color: var(--lumo-error-text-color); }
        .stored { max-width: 24em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    `;

    static properties = {
        _browsers: { state: true },
        _drafts: { state: true },
        _busy: { state: true }
    };

    constructor() {
        super();
        this._browsers = null;
        this._drafts = {};
        this._busy = {};
    }

    connectedCallback() {
        super.connectedCallback();
        this._refresh();
        this._timer = setInterval(() => this._refresh(), REFRESH_MS);
    }

    disconnectedCallback() {
        clearInterval(this._timer);
        super.disconnectedCallback();
    }

    _refresh() {
        this.jsonRpc.getBrowsers().then(response => this._browsers = response.result);
    }

    render() {
        if (this._browsers === null) {
            return html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>`;
        }
        return html`
            <div class="bar">
                <span class="meta">${this._browsers.length} browser(s), by their session's random label; refreshed every ${REFRESH_MS / 1000} s.
                    An edit is sent as a server write and answers when the browser acknowledges it.</span>
                <vaadin-button theme="tertiary" @click=${() => this._refresh()}>
                    <vaadin-icon icon="font-awesome-solid:rotate" slot="prefix"></vaadin-icon>Refresh
                </vaadin-button>
            </div>
            ${this._browsers.length === 0
                ? html`<p>No browser has a session: open a page of the application that loads the glue.</p>`
                : this._browsers.map(browser => this._browser(browser))}`;
    }

    _browser(browser) {
        return html`
            <vaadin-details opened>
                <div slot="summary">
                    <code>${browser.label}</code>
                    <span class="badge ${browser.connected ? 'on' : 'off'}">${browser.connected ? 'connected' : 'disconnected'}</span>
                    <span class="badge">${browser.hydrated ? 'hydrated' : 'not hydrated'}</span>
                    <span class="badge">${browser.pendingBatches.length} pending</span>
                </div>
                <div class="meta">Last seen ${browser.lastSeen}${browser.page ? html` · page <code>${browser.page}</code>` : ''}
                    ${browser.pendingBatches.length ? html` · batches waiting: ${browser.pendingBatches.join(', ')}` : ''}</div>
                ${this._tabs(browser)}
                ${browser.hydrated ? (browser.stores || []).map(store => this._store(browser, store))
                    : html`<p class="meta">The browser has not sent what it holds yet.</p>`}
                ${this._others(browser)}
            </vaadin-details>`;
    }

    _tabs(browser) {
        if (!browser.tabs || browser.tabs.length === 0) {
            return '';
        }
        return html`<h4>Tabs</h4>
            <table>
                <thead><tr><th>Tab</th><th>Connected</th><th>Hydrated</th><th>Batches waiting</th></tr></thead>
                <tbody>${browser.tabs.map(tab => html`<tr>
                    <td><code>${tab.id}</code></td><td>${tab.connected ? 'yes' : 'no'}</td><td>${tab.hydrated ? 'yes' : 'no'}</td>
                    <td>${tab.pendingBatches.join(', ')}</td></tr>`)}</tbody>
            </table>`;
    }

    _store(browser, store) {
        return html`<h4><code>${store.type}</code> <span class="meta">${store.area}${store.tab ? html` · tab <code>${store.tab}</code>` : ''}</span></h4>
            <table class="values">
                <colgroup><col style="width: 12%"><col style="width: 14%"><col style="width: 10%"><col style="width: 34%">
                    <col style="width: 16%"><col style="width: 14%"></colgroup>
                <thead><tr><th>Field</th><th>Key</th><th>Type</th><th>Value (JSON)</th><th>Stored text</th><th></th></tr></thead>
                <tbody>${store.fields.map(field => this._field(browser, store, field))}</tbody>
            </table>`;
    }

    _field(browser, store, field) {
        const id = [browser.label, store.tab || '', store.type, field.name].join('|');
        const draft = this._drafts[id];
        const busy = this._busy[id];
        return html`<tr>
            <td><code>${field.name}</code></td>
            <td><code>${field.key}</code></td>
            <td><code>${field.type}</code></td>
            <td>
                <vaadin-text-field .value=${draft ?? field.json} ?disabled=${busy}
                    @input=${e => this._drafts = { ...this._drafts, [id]: e.target.value }}></vaadin-text-field>
                ${field.set ? '' : html`<span class="meta">default</span>`}
                ${field.expiresAt ? html`<span class="meta">expires ${field.expiresAt}</span>` : ''}
                ${field.problem ? html`<div class="problem">${field.problem}</div>` : ''}
            </td>
            <td class="stored" title=${field.stored ?? ''}>${field.set ? html`<code>${field.stored ?? ''}</code>` : html`<span class="meta">absent</span>`}</td>
            <td class="actions">
                ${busy ? html`<vaadin-progress-bar indeterminate></vaadin-progress-bar>` : html`
                <vaadin-button theme="small" ?disabled=${draft === undefined}
                    @click=${() => this._write(id, 'setValue', browser, store, field, draft)}>Save</vaadin-button>
                <vaadin-button theme="small tertiary error" ?disabled=${!field.set}
                    @click=${() => this._write(id, 'removeValue', browser, store, field)}>Remove</vaadin-button>`}
            </td>
        </tr>`;
    }

    _write(id, method, browser, store, field, value) {
        const params = { browser: browser.label, tab: store.tab, store: store.type, field: field.name };
        if (method === 'setValue') {
            params.value = value;
        }
        this._busy = { ...this._busy, [id]: true };
        this.jsonRpc[method](params)
            .then(response => {
                const { [id]: done, ...drafts } = this._drafts;
                this._drafts = drafts;
                this._browsers = this._browsers.map(one => one.label === browser.label ? response.result : one);
                notifier.showSuccessMessage(`${browser.label} ${method === 'setValue' ? 'stored' : 'removed'} ${field.key}`);
            })
            .catch(response => notifier.showErrorMessage(response.error ? response.error.message : String(response), 'bottom-start', 15))
            .finally(() => {
                const { [id]: done, ...busy } = this._busy;
                this._busy = busy;
            });
    }

    _others(browser) {
        if (!browser.otherKeys || browser.otherKeys.length === 0) {
            return '';
        }
        return html`<h4>Keys no store declares</h4>
            <table>
                <thead><tr><th>Area</th><th>Key</th><th>Stored text</th></tr></thead>
                <tbody>${browser.otherKeys.map(other => html`<tr>
                    <td>${other.area}${other.tab ? html` · tab <code>${other.tab}</code>` : ''}</td>
                    <td><code>${other.key}</code></td><td class="stored" title=${other.stored}><code>${other.stored}</code></td></tr>`)}</tbody>
            </table>`;
    }
}
customElements.define('qwc-browser-storage-browsers', QwcBrowserStorageBrowsers);
