import { useState } from 'react';
import { INVITE_FIELD_LABELS, INVITE_FIELDS, type InviteField } from '@/lib/invite/columns';
import { DELIMITER_LABELS, INVITE_DELIMITERS, type InviteDelimiter } from '@/lib/invite/parse';
import type { Directory } from '@/lib/wandb/directory';
import { plural } from '../dialog';
import type { InviteDirectoryState } from './useDirectoryForDryRun';
import type { InviteInputState } from './useInviteInput';

interface InputScreenProps {
  id: string;
  input: InviteInputState;
  directory: Directory | null;
  directoryState: InviteDirectoryState;
  onLoadDirectory(): void;
  /** A picked or dropped file could not be read. */
  onFileError(error: unknown): void;
}

/** Step 1: paste or pick the input, say how to read it, and the options. */
export function InputScreen({
  id,
  input,
  directory,
  directoryState,
  onLoadDirectory,
  onFileError,
}: InputScreenProps) {
  const [dragging, setDragging] = useState(false);
  const take = (picked: File) => {
    input.takeFile(picked).catch(onFileError);
  };
  return (
    <>
      <fieldset className="wbat-section">
        <legend>Team</legend>
        <p className="wbat-hint" id={`${id}-team-why`}>
          W&B invites people to a team, not to the whole organization: rows that name no team of their own go
          to this one.
        </p>
        <div className="wbat-row">
          <label htmlFor={`${id}-team`}>Default team</label>
          <select
            id={`${id}-team`}
            className="wbat-input wbat-select"
            value={input.defaultTeam}
            aria-describedby={`${id}-team-why`}
            onChange={(event) => input.setDefaultTeam(event.currentTarget.value)}
          >
            <option value="">(none: every row names its team)</option>
            {(directory?.teams ?? []).map((team) => (
              <option key={team.name} value={team.name}>
                {team.name}
              </option>
            ))}
          </select>
        </div>
        {input.needsTeam && input.ready ? (
          <p className="wbat-note" role="note">
            Choose a team: the input has no team column, so the dry run needs a default team.
          </p>
        ) : null}
      </fieldset>
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
          take(dropped);
        }}
      >
        <h3 id={`${id}-input`} className="wbat-section-title">
          1. Input
        </h3>
        <label htmlFor={`${id}-paste`}>Paste addresses or CSV</label>
        <textarea
          id={`${id}-paste`}
          className="wbat-input wbat-paste"
          rows={6}
          value={input.text}
          placeholder={'ann@example.com, "Bob B" <bob@example.com>\nor rows copied from a spreadsheet'}
          onChange={(event) => input.typeText(event.currentTarget.value)}
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
              if (picked) take(picked);
            }}
          />
          {input.file ? <span className="wbat-hint">File: {input.file.fileName}</span> : null}
        </div>
        {input.parsed && !input.parsed.ok ? (
          <div className="wbat-error" role="alert">
            <span>{input.parsed.error.message}</span>
          </div>
        ) : null}
        <ReadAs id={id} input={input} />
      </section>
      <MappingSection input={input} />
      <fieldset className="wbat-section">
        <legend>Options</legend>
        <div className="wbat-row">
          <label htmlFor={`${id}-domains`}>Allowed email domains</label>
          <input
            id={`${id}-domains`}
            className="wbat-input"
            value={input.domainsText}
            placeholder="example.com, example.org"
            onChange={(event) => input.setDomainsText(event.currentTarget.value)}
          />
        </div>
      </fieldset>
      <DirectoryLine state={directoryState} onLoad={onLoadDirectory} />
    </>
  );
}

/** How many rows were read and how: delimiter, header, and the way to the column mapping. */
function ReadAs({ id, input }: { id: string; input: InviteInputState }) {
  const { ready } = input;
  if (!ready) return null;
  return (
    <>
      <div className="wbat-row">
        <output aria-live="polite">
          {plural(ready.records.length, 'row', 'rows')} read
          {ready.kind === 'address-list' ? ' as a list of addresses' : ''}
          {ready.encoding !== 'text' ? ` (${ready.encoding})` : ''}
        </output>
        {ready.kind === 'table' ? (
          <>
            <label htmlFor={`${id}-delimiter`}>Delimiter</label>
            <select
              id={`${id}-delimiter`}
              className="wbat-input wbat-select"
              value={ready.delimiter}
              onChange={(event) => input.setDelimiter(event.currentTarget.value as InviteDelimiter)}
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
                checked={ready.hasHeader}
                onChange={(event) => input.setHasHeader(event.currentTarget.checked)}
              />
              <span>First row is a header</span>
            </label>
            {!input.mappingOpen ? (
              <button type="button" className="wbat-button" onClick={input.showMapping}>
                Change column mapping
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {ready.warnings.slice(0, 3).map((warning) => (
        <p key={warning.line} className="wbat-hint">
          {warning.message}
        </p>
      ))}
    </>
  );
}

/** Which column holds what: shown when the columns were not recognised, or on request. */
function MappingSection({ input }: { input: InviteInputState }) {
  const { ready, mapping } = input;
  if (!ready || !mapping || !input.mappingOpen) return null;
  return (
    <fieldset className="wbat-section">
      <legend>Columns</legend>
      {!ready.mappingConfident ? (
        <p className="wbat-hint">
          {ready.mappingNote ?? 'Say which column holds what (at least the email).'}
        </p>
      ) : null}
      <div className="wbat-mapping">
        {INVITE_FIELDS.map((field: InviteField) => (
          <label key={field} className="wbat-mapping-field">
            <span>{INVITE_FIELD_LABELS[field]}</span>
            <select
              className="wbat-input wbat-select"
              value={mapping[field] === null ? '' : String(mapping[field])}
              onChange={(event) => {
                const value = event.currentTarget.value;
                input.setMapping({ ...mapping, [field]: value === '' ? null : Number(value) });
              }}
            >
              <option value="">(none)</option>
              {ready.headers.map((header, index) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: headers may repeat; the index is the identity.
                <option key={index} value={String(index)}>
                  {header}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      {ready.mappingConfident ? null : (
        <label className="wbat-check">
          <input
            type="checkbox"
            checked={input.mappingSettled}
            onChange={(event) => input.setMappingConfirmed(event.currentTarget.checked)}
          />
          <span>Use these columns</span>
        </label>
      )}
    </fieldset>
  );
}

function DirectoryLine({ state, onLoad }: { state: InviteDirectoryState; onLoad(): void }) {
  if (state.status === 'ready') return null;
  if (state.status === 'loading')
    return (
      <div className="wbat-loading">
        <progress aria-label="Loading members" />
        <span>Reading members, invites and teams for the dry run…</span>
      </div>
    );
  if (state.status === 'error')
    return (
      <div className="wbat-error" role="alert">
        <span>{state.message}</span>
        <button type="button" className="wbat-button" onClick={onLoad}>
          Retry
        </button>
      </div>
    );
  return (
    <div className="wbat-row">
      <span>The dry run needs the current members and teams.</span>
      <button type="button" className="wbat-button" onClick={onLoad}>
        Load members
      </button>
    </div>
  );
}
