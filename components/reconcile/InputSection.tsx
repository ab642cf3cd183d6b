import { useState } from 'react';
import type { InviteField } from '@/lib/invite/columns';
import { ColumnMappingFields, FileDropSection, PasteOrPick, ReadAs } from '../shared/TableInput';
import type { ReconcileState } from './useReconcile';

/** The columns reconciliation reads (bulk invite's mapping, without the team and role columns). */
const FIELDS: readonly InviteField[] = ['email', 'idpStatus', 'name', 'firstName', 'lastName'];

/** 1. The identity provider's export: pasted, picked or dropped, and how it is read. */
export function InputSection({ id, state }: { id: string; state: ReconcileState }) {
  const { reading } = state;
  const text = reading.input && 'text' in reading.input ? reading.input.text : '';
  const file = reading.input && 'file' in reading.input ? reading.input.file : null;
  const pick = (picked: File) => reading.restart({ file: picked });
  return (
    <FileDropSection id={id} title="1. The identity provider’s export" onFile={pick}>
      <p className="wbat-hint">
        A user export from Okta, Entra ID (Users › Download users) or Google Workspace (Users › Download
        users), or any CSV with an email column; a status column (Okta’s Status, Entra ID’s accountEnabled,
        Google’s Status) tells suspended accounts apart. It stays in this dialog: nothing is sent anywhere.
      </p>
      <PasteOrPick
        id={id}
        label="Paste the export"
        rows={5}
        text={text}
        placeholder={'email,status\nann@example.com,ACTIVE'}
        fileName={file ? file.name : null}
        onText={(typed) => reading.restart({ text: typed })}
        onFile={pick}
      />
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
      <ReadAsAndMapping id={id} state={state} />
      <Mapping state={state} />
    </FileDropSection>
  );
}

/** How the input was read: rows, delimiter, header, and the way to the columns. */
function ReadAsAndMapping({ id, state }: { id: string; state: ReconcileState }) {
  const read = state.reading.read;
  const [showMapping, setShowMapping] = useState(false);
  if (!read?.ok) return null;
  return (
    <>
      <ReadAs
        id={id}
        read={read}
        onDelimiter={state.reading.setDelimiter}
        onHasHeader={state.reading.setHasHeader}
        onShowMapping={!showMapping && read.mappingConfident ? () => setShowMapping(true) : null}
      />
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
    <ColumnMappingFields
      fields={FIELDS}
      headers={read.headers}
      mapping={mapping}
      confident={read.mappingConfident}
      note={read.mappingNote}
      confirmed={state.mappingConfirmed}
      onMapping={state.setMapping}
      onConfirmed={state.setMappingConfirmed}
    >
      {mapping.email === null ? (
        <p className="wbat-note" role="note">
          No email column: choose which column holds the email.
        </p>
      ) : null}
    </ColumnMappingFields>
  );
}
