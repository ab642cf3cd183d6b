/**
 * One data record: the input line it starts on and its cells as read (untrimmed). A line that
 * could not be read as a record (a broken quote, a piece of a list that is not an address) keeps
 * its text and a `problem`; the dry run shows it as an invalid row, and reading goes on.
 */
export interface InviteRecord {
  line: number;
  cells: string[];
  problem?: string;
}
