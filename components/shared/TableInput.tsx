import { type ReactNode, useState } from 'react';
import { type ColumnMapping, INVITE_FIELD_LABELS, type InviteField } from '@/lib/invite/columns';
import { DELIMITER_LABELS, INVITE_DELIMITERS, type InviteDelimiter } from '@/lib/invite/parse';
import { plural } from '../dialog';

/**
 * Reading a table the admin pastes, picks or drops (bulk invite's input, Reconcile's identity
 * provider export): the drop area, the paste box and file picker, how it was read, and which
 * column holds what. Each tool keeps its own state; these only draw it.
 */

/** A section that takes a dropped file (ours alone: the W&B page around it does not also open it). */
export function FileDropSection({
  id,
  title,
  onFile,
  children,
}: {
  id: string;
  title: ReactNode;
  onFile(file: File): void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
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
        event.preventDefault();
        event.stopPropagation();
        onFile(dropped);
      }}
    >
      <h3 id={`${id}-input`} className="wbat-section-title">
        {title}
      </h3>
      {children}
    </section>
  );
}

/** The paste box and the file picker (with the name of the file being read). */
export function PasteOrPick({
  id,
  label,
  rows,
  text,
  placeholder,
  fileName,
  onText,
  onFile,
}: {
  id: string;
  label: string;
  rows: number;
  text: string;
  placeholder: string;
  fileName: string | null;
  onText(text: string): void;
  onFile(file: File): void;
}) {
  return (
    <>
      <label htmlFor={`${id}-paste`}>{label}</label>
      <textarea
        id={`${id}-paste`}
        className="wbat-input wbat-paste"
        rows={rows}
        value={text}
        placeholder={placeholder}
        onChange={(event) => onText(event.currentTarget.value)}
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
            if (picked) onFile(picked);
          }}
        />
        {fileName !== null ? <span className="wbat-hint">File: {fileName}</span> : null}
      </div>
    </>
  );
}

/** What the parser made of the input, as `ReadAs` shows it. */
export interface ReadSummary {
  rows: number;
  kind: 'table' | 'address-list';
  encoding: string;
  delimiter: InviteDelimiter;
  hasHeader: boolean;
  warnings: readonly { line: number; message: string }[];
}

/** How many rows were read and how: the delimiter and header for a table, then up to three warnings. */
export function ReadAs({
  id,
  read,
  onDelimiter,
  onHasHeader,
  onShowMapping,
}: {
  id: string;
  read: ReadSummary;
  onDelimiter(delimiter: InviteDelimiter): void;
  onHasHeader(hasHeader: boolean): void;
  /** The "Change column mapping" button's action; null hides the button. */
  onShowMapping: (() => void) | null;
}) {
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
              onChange={(event) => onDelimiter(event.currentTarget.value as InviteDelimiter)}
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
                onChange={(event) => onHasHeader(event.currentTarget.checked)}
              />
              <span>First row is a header</span>
            </label>
            {onShowMapping ? (
              <button type="button" className="wbat-button" onClick={onShowMapping}>
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
    </>
  );
}

/** Which column holds each of `fields`; when the guess was not confident, why, and the admin's confirmation. */
export function ColumnMappingFields({
  fields,
  headers,
  mapping,
  confident,
  note,
  confirmed,
  onMapping,
  onConfirmed,
  children,
}: {
  fields: readonly InviteField[];
  headers: readonly string[];
  mapping: ColumnMapping;
  confident: boolean;
  note: string | undefined;
  confirmed: boolean;
  onMapping(mapping: ColumnMapping): void;
  onConfirmed(confirmed: boolean): void;
  /** Shown between the fields and the confirmation (e.g. a missing-column note). */
  children?: ReactNode;
}) {
  return (
    <fieldset className="wbat-section">
      <legend>Columns</legend>
      {!confident ? (
        <p className="wbat-hint">{note ?? 'Say which column holds what (at least the email).'}</p>
      ) : null}
      <div className="wbat-mapping">
        {fields.map((field) => (
          <label key={field} className="wbat-mapping-field">
            <span>{INVITE_FIELD_LABELS[field]}</span>
            <select
              className="wbat-input wbat-select"
              value={mapping[field] === null ? '' : String(mapping[field])}
              onChange={(event) => {
                const value = event.currentTarget.value;
                onMapping({ ...mapping, [field]: value === '' ? null : Number(value) });
              }}
            >
              <option value="">(none)</option>
              {headers.map((header, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the index is the identity.
                <option key={index} value={String(index)}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {children}
      {confident ? null : (
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={confirmed}
            onChange={(event) => onConfirmed(event.currentTarget.checked)}
          />
          <span>Use these columns</span>
        </label>
      )}
    </fieldset>
  );
}
