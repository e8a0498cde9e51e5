import { LitElement, html, css } from 'lit';
import { stores, path } from 'build-time-data';
import '@vaadin/details';

/**
 * The application's stores, as the build found them: area, namespace, version (above 1), POJO and
 * store class, each field's protection (signed, encrypted), and
 * each field's key, type, default, lifetime and cookie attributes, with the store's limits.
 */
export class QwcBrowserStorageStores extends LitElement {

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 1em; padding: 0 1em 1em 1em; }
        .meta { color: var(--lumo-contrast-60pct); font-size: var(--lumo-font-size-s); }
        table { border-collapse: collapse; width: 100%; font-size: var(--lumo-font-size-s); }
        th, td { text-align: left; padding: 0.3em 0.6em; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        th { color: var(--lumo-contrast-70pct); font-weight: 500; }
        code { font-size: 90%; }
        .area { font-weight: bold; text-transform: uppercase; font-size: var(--lumo-font-size-xs); padding: 0.1em 0.5em;
            border-radius: var(--lumo-border-radius-s); background: var(--lumo-contrast-10pct); }
    `;

    render() {
        if (!stores || stores.length === 0) {
            return html`<p>The application has no stores: annotate a class with <code>@LocalStorage</code>,
                <code>@SessionStorage</code> or <code>@Cookie</code> and build it with browser-storage-processor.</p>`;
        }
        return html`
            <p class="meta">Served to pages at <code>${path}/stores.json</code> (schemas) and <code>${path}/storage.js</code>.</p>
            ${stores.map(store => this._store(store))}`;
    }

    _store(store) {
        const summary = html`<span class="area">${store.area}</span>&nbsp;
            <code>${store.type}</code>${store.namespace ? html`&nbsp;· namespace <code>${store.namespace}</code>` : ''}${store.version ? html`&nbsp;· version <code>${store.version}</code>` : ''}`;
        return html`
            <vaadin-details opened>
                <div slot="summary">${summary}</div>
                <div class="meta">
                    Store class <code>${store.store}</code> · schema <code>${store.schemaResource}</code>
                    ${this._limits(store.limits)}
                </div>
                <table>
                    <thead><tr>
                        <th>Field</th><th>${store.area === 'cookie' ? 'Cookie' : 'Key'}</th><th>Type</th><th>Default</th>
                        ${store.area === 'cookie' ? html`<th>Cookie attributes</th>` : html`<th>Lifetime</th>`}
                    </tr></thead>
                    <tbody>${(store.fields || []).map(field => this._field(store, field))}</tbody>
                </table>
            </vaadin-details>`;
    }

    _field(store, field) {
        return html`<tr>
            <td><code>${field.name}</code>${field.protection ? html` <span class="meta">${field.protection}</span>` : ''}</td>
            <td><code>${field.key}</code></td>
            <td><code>${field.javaType}</code></td>
            <td>${field.default !== undefined ? html`<code>${field.default}</code>` : html`<span class="meta">none</span>`}</td>
            <td>${store.area === 'cookie' ? this._cookie(field) : this._ttl(field)}</td>
        </tr>`;
    }

    _limits(limits) {
        if (!limits) {
            return '';
        }
        const shown = Object.entries(limits).map(([name, value]) => `${name} ${value}`).join(', ');
        return html` · limits: ${shown}`;
    }

    _ttl(field) {
        return field.ttlSeconds ? html`${field.ttlSeconds} s` : html`<span class="meta">none</span>`;
    }

    _cookie(field) {
        const cookie = field.cookie || {};
        const parts = [];
        parts.push(`Path=${cookie.path ?? '/'}`);
        if (cookie.domain) parts.push(`Domain=${cookie.domain}`);
        parts.push(cookie.maxAgeSeconds !== undefined ? `Max-Age=${cookie.maxAgeSeconds}` : 'session cookie');
        if (cookie.secure) parts.push('Secure');
        if (cookie.httpOnly) parts.push('HttpOnly');
        if (cookie.sameSite) parts.push(`SameSite=${cookie.sameSite}`);
        if (cookie.partitioned) parts.push('Partitioned');
        return html`<code>${parts.join('; ')}</code>${field.cookieEncoding ? html` <span class="meta">(${field.cookieEncoding})</span>` : ''}`;
    }
}
customElements.define('qwc-browser-storage-stores', QwcBrowserStorageStores);
