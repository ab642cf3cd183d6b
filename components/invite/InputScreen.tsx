import { INVITE_FIELDS } from '@/lib/invite/columns';
import type { Directory } from '@/lib/wandb/directory';
import { ColumnMappingFields, FileDropSection, PasteOrPick, ReadAs } from '../shared/TableInput';
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
      <FileDropSection id={id} title="1. Input" onFile={take}>
        <PasteOrPick
          id={id}
          label="Paste addresses or CSV"
          rows={6}
          text={input.text}
          placeholder={'ann@example.com, "Bob B" <bob@example.com>\nor rows copied from a spreadsheet'}
          fileName={input.file ? input.file.fileName : null}
          onText={input.typeText}
          onFile={take}
        />
        {input.parsed && !input.parsed.ok ? (
          <div className="wbat-error" role="alert">
            <span>{input.parsed.error.message}</span>
          </div>
        ) : null}
        {input.ready ? (
          <ReadAs
            id={id}
            read={{ ...input.ready, rows: input.ready.records.length }}
            onDelimiter={input.setDelimiter}
            onHasHeader={input.setHasHeader}
            onShowMapping={input.mappingOpen ? null : input.showMapping}
          />
        ) : null}
      </FileDropSection>
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

/** Which column holds what: shown when the columns were not recognised, or on request. */
function MappingSection({ input }: { input: InviteInputState }) {
  const { ready, mapping } = input;
  if (!ready || !mapping || !input.mappingOpen) return null;
  return (
    <ColumnMappingFields
      fields={INVITE_FIELDS}
      headers={ready.headers}
      mapping={mapping}
      confident={ready.mappingConfident}
      note={ready.mappingNote}
      confirmed={input.mappingSettled}
      onMapping={input.setMapping}
      onConfirmed={input.setMappingConfirmed}
    />
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
