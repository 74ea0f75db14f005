import { QwcHotReloadElement, html, css } from 'qwc-hot-reload-element';
import { JsonRpc } from 'jsonrpc';
import { functions } from 'build-time-data';

const SAVED = 'quarkus-functions-saved-events';

/**
 * The functions of the application and an event console: pick a function and a trigger of the platform, get a
 * realistic sample event with the function's sample input inside, edit it, send it through the binding, and see the
 * platform's reply, the invocations it made (outcome, code, duration) and their log lines. Events can be saved (in the
 * browser's local storage) and replayed.
 */
export class QwcFunctionsEventConsole extends QwcHotReloadElement {
    jsonRpc = new JsonRpc(this);

    static styles = css`
        :host { display: flex; flex-direction: column; gap: 12px; padding: 10px 20px; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid var(--lumo-contrast-10pct); vertical-align: top; }
        tr.fn { cursor: pointer; }
        tr.selected { background: var(--lumo-primary-color-10pct); }
        .columns { display: flex; gap: 16px; }
        .column { flex: 1; display: flex; flex-direction: column; gap: 6px; min-width: 0; }
        textarea { font-family: var(--lumo-font-family-monospace, monospace); font-size: 12px; width: 100%; box-sizing: border-box; }
        pre { font-size: 12px; background: var(--lumo-contrast-5pct); padding: 6px; margin: 0; white-space: pre-wrap; word-break: break-all; }
        .row { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
        .error { color: var(--lumo-error-text-color); }
        .success { color: var(--lumo-success-text-color); }
        h3 { margin: 6px 0; }
    `;

    static properties = {
        _console: { state: true },
        _selected: { state: true },
        _kind: { state: true },
        _input: { state: true },
        _headers: { state: true },
        _body: { state: true },
        _reply: { state: true },
        _saved: { state: true },
        _error: { state: true },
        _busy: { state: true },
    };

    constructor() {
        super();
        this._console = null;
        this._selected = null;
        this._reply = null;
        this._saved = this._loadSaved();
    }

    connectedCallback() {
        super.connectedCallback();
        this.hotReload();
    }

    hotReload() {
        this.jsonRpc.getConsole().then(response => {
            this._console = response.result;
            if (!this._selected && functions.length > 0) {
                this._select(functions[0].name);
            }
        }).catch(e => this._error = this._message(e));
    }

    render() {
        if (!this._console) {
            return html`<div id="loading">Loading the functions…${this._error ? html` <span class="error">${this._error}</span>` : ''}</div>`;
        }
        return html`
            <div class="row"><strong id="platform">${this._console.platform}</strong>
                <span>${functions.length} function(s). Click one to try it.</span></div>
            ${this._functionsTable()}
            ${this._selected ? this._consoleFor(this._selected) : ''}
            ${this._savedList()}`;
    }

    _functionsTable() {
        return html`<table id="functions">
            <tr><th>Function</th><th>Deploys as</th><th>Timeout</th><th>CloudEvent types</th><th>Input</th><th>Output</th></tr>
            ${functions.map(f => {
                const runtime = this._runtime(f.name);
                return html`<tr class="fn ${this._selected === f.name ? 'selected' : ''}" data-function="${f.name}"
                        @click=${() => this._select(f.name)}>
                    <td><strong>${f.name}</strong></td>
                    <td>${runtime ? runtime.entryPoint : ''}</td>
                    <td>${runtime ? runtime.timeout : ''}</td>
                    <td>${runtime ? runtime.eventTypes.join(', ') : ''}</td>
                    <td>${f.inputMediaType || 'none'}</td>
                    <td>${f.outputMediaType || 'none'}</td>
                </tr>`;
            })}
        </table>`;
    }

    _consoleFor(name) {
        const f = functions.find(fn => fn.name === name);
        return html`
            <h3>${name}</h3>
            <div class="columns">
                <details class="column"><summary>Input schema</summary><pre id="input-schema">${this._json(f.inputSchema)}</pre></details>
                <details class="column"><summary>Output schema</summary><pre id="output-schema">${this._json(f.outputSchema)}</pre></details>
            </div>
            <div class="columns">
                <div class="column">
                    <label for="input">Input (a valid sample, made from the schema)</label>
                    <textarea id="input" rows="6" .value=${this._input || ''} @input=${e => this._input = e.target.value}></textarea>
                    <div class="row">
                        <button id="invoke" @click=${() => this._invoke()} ?disabled=${this._busy}>Invoke</button>
                        <label for="kind">Trigger</label>
                        <select id="kind" @change=${e => this._kind = e.target.value}>
                            ${this._console.eventKinds.map(k => html`<option value="${k.id}" ?selected=${k.id === this._kind}>${k.label}</option>`)}
                        </select>
                        <button id="build" @click=${() => this._build()} ?disabled=${this._busy}>Sample event</button>
                    </div>
                    <label for="headers">Headers</label>
                    <textarea id="headers" rows="3" .value=${this._headers || ''} @input=${e => this._headers = e.target.value}></textarea>
                    <label for="body">Event</label>
                    <textarea id="body" rows="16" .value=${this._body || ''} @input=${e => this._body = e.target.value}></textarea>
                    <div class="row">
                        <button id="send" @click=${() => this._send()} ?disabled=${this._busy}>Send</button>
                        <input id="save-name" placeholder="name to save it under">
                        <button id="save" @click=${() => this._save()}>Save</button>
                    </div>
                    ${this._error ? html`<div id="error" class="error">${this._error}</div>` : ''}
                </div>
                <div class="column">${this._replyView()}</div>
            </div>`;
    }

    _replyView() {
        if (!this._reply) {
            return html`<div>Send an event to see the platform's reply, the outcome and the log lines.</div>`;
        }
        const r = this._reply;
        return html`
            <div>Reply: <strong id="status" class="${r.status < 400 ? 'success' : 'error'}">${r.status}</strong>
                request id <code id="request-id">${r.requestId}</code></div>
            <pre id="reply-headers">${r.headers}</pre>
            <pre id="reply-body">${r.body}</pre>
            <h3>Outcome</h3>
            <table id="outcome">
                <tr><th>Request id</th><th>Outcome</th><th>Code</th><th>ms</th></tr>
                ${r.invocations.map(i => html`<tr class="invocation">
                    <td>${i.requestId}</td>
                    <td class="${i.outcome === 'success' ? 'success' : 'error'}">${i.outcome}${i.replayed ? ' (replayed)' : ''}</td>
                    <td>${i.code || ''}</td><td>${i.durationMillis}</td></tr>`)}
            </table>
            <h3>Log lines</h3>
            <pre id="logs">${r.logs.map(l => `${l.time} ${l.level} [${l.logger}] (${l.requestId}) ${l.message}`).join('\n')}</pre>`;
    }

    _savedList() {
        if (this._saved.length === 0) {
            return html``;
        }
        return html`<h3>Saved events</h3>
            <table id="saved">
                <tr><th>Name</th><th>Function</th><th>Trigger</th><th></th></tr>
                ${this._saved.map((s, index) => html`<tr class="saved-event" data-name="${s.name}">
                    <td>${s.name}</td><td>${s.function}</td><td>${s.kind}</td>
                    <td><button class="replay" @click=${() => this._replay(s)}>Replay</button>
                        <button class="load" @click=${() => this._load(s)}>Load</button>
                        <button class="delete" @click=${() => this._delete(index)}>Delete</button></td></tr>`)}
            </table>`;
    }

    _select(name) {
        const f = functions.find(fn => fn.name === name);
        this._selected = name;
        this._input = f.sampleInput || '';
        this._kind = this._kind || (this._console && this._console.eventKinds.length ? this._console.eventKinds[0].id : null);
        this._headers = '';
        this._body = '';
        this._reply = null;
        this._error = null;
    }

    _invoke() {
        this._kind = this._console.eventKinds[0].id;
        this._build().then(() => this._send());
    }

    _build() {
        this._error = null;
        return this.jsonRpc.sample({ function: this._selected, kind: this._kind, input: this._input })
            .then(response => {
                this._headers = response.result.headers;
                this._body = response.result.body;
            }).catch(e => this._error = this._message(e));
    }

    _send() {
        this._error = null;
        this._busy = true;
        return this.jsonRpc.send({ function: this._selected, headers: this._headers || '', body: this._body || '' })
            .then(response => this._reply = response.result)
            .catch(e => this._error = this._message(e))
            .finally(() => this._busy = false);
    }

    _save() {
        const field = this.shadowRoot.getElementById('save-name');
        const name = field.value || `${this._selected} ${this._kind} ${this._saved.length + 1}`;
        this._saved = [...this._saved, { name, function: this._selected, kind: this._kind, headers: this._headers || '', body: this._body || '' }];
        localStorage.setItem(SAVED, JSON.stringify(this._saved));
        field.value = '';
    }

    _load(saved) {
        this._select(saved.function);
        this._kind = saved.kind;
        this._headers = saved.headers;
        this._body = saved.body;
    }

    _replay(saved) {
        this._load(saved);
        return this._send();
    }

    _delete(index) {
        this._saved = this._saved.filter((_, i) => i !== index);
        localStorage.setItem(SAVED, JSON.stringify(this._saved));
    }

    _loadSaved() {
        try {
            return JSON.parse(localStorage.getItem(SAVED)) || [];
        } catch (e) {
            return [];
        }
    }

    _runtime(name) {
        return this._console ? this._console.functions.find(fn => fn.name === name) : null;
    }

    _json(text) {
        if (!text) {
            return 'none';
        }
        try {
            return JSON.stringify(JSON.parse(text), null, 2);
        } catch (e) {
            return text;
        }
    }

    _message(e) {
        return (e && e.error && e.error.message) || (e && e.message) || String(e);
    }
}
customElements.define('qwc-functions-event-console', QwcFunctionsEventConsole);
