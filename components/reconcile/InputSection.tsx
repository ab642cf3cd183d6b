import { useState } from 'react';
import { INVITE_FIELD_LABELS, type InviteField } from '@/lib/invite/columns';
import { DELIMITER_LABELS, INVITE_DELIMITERS, type InviteDelimiter } from '@/lib/invite/parse';
import { plural } from '../dialog';
import type { ReconcileState } from './useReconcile';

/** The columns reconciliation reads (bulk invite's mapping, without the team and role columns). */
const FIELDS: readonly InviteField[] = ['email', 'idpStatus', 'name', 'firstName', 'lastName'];

/** 1. The identity provider's export: pasted, picked or dropped, and how it is read. */
export function InputSection({ id, state }: { id: string; state: ReconcileState }) {
  const [dragging, setDragging] = useState(false);
  const { reading } = state;
  const text = reading.input && 'text' in reading.input ? reading.input.text : '';
  const file = reading.input && 'file' in reading.input ? reading.input.file : null;
  return (
    <section
      className={`wbat-section${dragging ? ' wbat-dropping' : ''}`}
      aria-labelledby={`${id}-input`}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes('Files')) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        const dropped = event.dataTransfer.files[0];
        setDragging(false);
        if (!dropped) return;
        // Ours alone: the W&B page must not also open the file.
        event.preventDefault();
        event.stopPropagation();
        reading.restart({ file: dropped });
      }}
    >
      <h3 id={`${id}-input`} className="wbat-section-title">
        1. The identity provider’s export
      </h3>
      <p className="wbat-hint">
        A user export from Okta, Entra ID (Users › Download users) or Google Workspace (Users › Download
        users), or any CSV with an email column; a status column (Okta’s Status, Entra ID’s accountEnabled,
        Google’s Status) tells suspended accounts apart. It stays in this dialog: nothing is sent anywhere.
      </p>
      <label htmlFor={`${id}-paste`}>Paste the export</label>
      <textarea
        id={`${id}-paste`}
        className="wbat-input wbat-paste"
        rows={5}
        value={text}
        placeholder={'email,status\nann@example.com,ACTIVE'}
        onChange={(event) => reading.restart({ text: event.currentTarget.value })}
      />
      <div className="wbat-row">
        <label htmlFor={`${id}-file`}>Choose a CSV, TSV or TXT file</label>
        <span className="wbat-hint">(or drop it here)</span>
        <input
          id={`${id}-file`}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
          onChange={(event) => {
            const picked = event.currentTarget.files?.[0];
            if (picked) reading.restart({ file: picked });
          }}
        />
        {file ? <span className="wbat-hint">File: {file.name}</span> : null}
      </div>
      {reading.reading ? (
        <div className="wbat-loading" role="status">
          <progress aria-label="Reading the export" />
          <span>Reading the export…</span>
        </div>
      ) : null}
      {reading.read && !reading.read.ok ? (
        <div className="wbat-error" role="alert">
          <span>{reading.read.error.message}</span>
        </div>
      ) : null}
      {reading.readError ? (
        <div className="wbat-error" role="alert">
          <span>{reading.readError}</span>
        </div>
      ) : null}
      <ReadAs id={id} state={state} />
      <Mapping state={state} />
    </section>
  );
}

/** How the input was read: rows, delimiter, header, and the way to the columns. */
function ReadAs({ id, state }: { id: string; state: ReconcileState }) {
  const read = state.reading.read;
  const [showMapping, setShowMapping] = useState(false);
  if (!read?.ok) return null;
  return (
    <>
      <div className="wbat-row">
        <output aria-live="polite">
          {plural(read.rows, 'row', 'rows')} read
          {read.kind === 'address-list' ? ' as a list of addresses' : ''}
          {read.encoding !== 'text' ? ` (${read.encoding})` : ''}
        </output>
        {read.kind === 'table' ? (
          <>
            <label htmlFor={`${id}-delimiter`}>Delimiter</label>
            <select
              id={`${id}-delimiter`}
              className="wbat-input wbat-select"
              value={read.delimiter}
              onChange={(event) => state.reading.setDelimiter(event.currentTarget.value as InviteDelimiter)}
            >
              {INVITE_DELIMITERS.map((value) => (
                <option key={value} value={value}>
                  {DELIMITER_LABELS[value]}
                </option>
              ))}
            </select>
            <label className="wbat-check">
              <input
                type="checkbox"
                checked={read.hasHeader}
                onChange={(event) => state.reading.setHasHeader(event.currentTarget.checked)}
              />
              <span>First row is a header</span>
            </label>
            {!showMapping && read.mappingConfident ? (
              <button type="button" className="wbat-button" onClick={() => setShowMapping(true)}>
                Change column mapping
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {read.warnings.slice(0, 3).map((warning) => (
        <p key={warning.line} className="wbat-hint">
          {warning.message}
        </p>
      ))}
      {showMapping ? <MappingFields state={state} /> : null}
    </>
  );
}

/** Shown at once when the columns were not recognised (or named twice). */
function Mapping({ state }: { state: ReconcileState }) {
  const read = state.reading.read;
  if (!read?.ok || read.mappingConfident) return null;
  return <MappingFields state={state} />;
}

function MappingFields({ state }: { state: ReconcileState }) {
  const read = state.reading.read;
  const { mapping } = state;
  if (!read?.ok || !mapping) return null;
  return (
    <fieldset className="wbat-section">
      <legend>Columns</legend>
      {!read.mappingConfident ? (
        <p className="wbat-hint">{read.mappingNote ?? 'Say which column holds what (at least the email).'}</p>
      ) : null}
      <div className="wbat-mapping">
        {FIELDS.map((field) => (
          <label key={field} className="wbat-mapping-field">
            <span>{INVITE_FIELD_LABELS[field]}</span>
            <select
              className="wbat-input wbat-select"
              value={mapping[field] === null ? '' : String(mapping[field])}
              onChange={(event) => {
                const value = event.currentTarget.value;
                state.setMapping({ ...mapping, [field]: value === '' ? null : Number(value) });
              }}
            >
              <option value="">(none)</option>
              {read.headers.map((header, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the index is the identity.
                <option key={index} value={String(index)}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {mapping.email === null ? (
        <p className="wbat-note" role="note">
          No email column: choose which column holds the email.
        </p>
      ) : null}
      {read.mappingConfident ? null : (
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={state.mappingConfirmed}
            onChange={(event) => state.setMappingConfirmed(event.currentTarget.checked)}
          />
          <span>Use these columns</span>
        </label>
      )}
    </fieldset>
  );
}
