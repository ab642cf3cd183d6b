/**
 * The Firefox lint (`scripts/lint-firefox.ts`, addons-linter on the built package) allows exactly
 * three known warnings, recognised by the code at the reported position; everything else fails.
 */
import { describe, expect, it } from 'vitest';
import { type LintReport, lintProblems } from '@/scripts/lint-firefox';

const ZOD_PROBE =
  'var se=m(()=>{if(nt.jitless||typeof navigator<`u`&&navigator?.userAgent?.includes(`Cloudflare`))return!1;try{return Function(``),!0}catch{return!1}});';
const REACT_INNER_HTML =
  'case`dangerouslySetInnerHTML`:if(r!=null){if(typeof r!=`object`||!(`__html`in r))throw Error(i(61));if(n=r.__html,n!=null){if(a.children!=null)throw Error(i(60));o?.__html!==n&&(e.innerHTML=n)}}break;';

const LIT_TEMPLATE =
  'static createElement(e,t){let n=D.createElement(`template`);return n.innerHTML=e,n}};function V(e,t,n=e,r){';

function at(text: string, needle: string) {
  return { line: 1, column: text.indexOf(needle) + 1 };
}

function report(partial: Partial<LintReport>): LintReport {
  return { errors: [], warnings: [], notices: [], ...partial };
}

const rows: { name: string; file: string; report: LintReport; problems: number }[] = [
  {
    name: "zod's eval probe is known",
    file: ZOD_PROBE,
    report: report({
      warnings: [{ code: 'DANGEROUS_EVAL', message: '', file: 'a.js', ...at(ZOD_PROBE, 'Function(') }],
    }),
    problems: 0,
  },
  {
    name: "React DOM's innerHTML is known",
    file: REACT_INNER_HTML,
    report: report({
      warnings: [
        { code: 'UNSAFE_VAR_ASSIGNMENT', message: '', file: 'a.js', ...at(REACT_INNER_HTML, 'e.innerHTML') },
      ],
    }),
    problems: 0,
  },
  {
    name: "lit-html's template parse is known",
    file: LIT_TEMPLATE,
    report: report({
      warnings: [
        { code: 'UNSAFE_VAR_ASSIGNMENT', message: '', file: 'a.js', ...at(LIT_TEMPLATE, 'n.innerHTML') },
      ],
    }),
    problems: 0,
  },
  {
    name: 'an innerHTML assignment elsewhere in a static method fails',
    file: 'static render(e,t){return n.innerHTML=e,n}};',
    report: report({
      warnings: [{ code: 'UNSAFE_VAR_ASSIGNMENT', message: '', file: 'a.js', line: 1, column: 27 }],
    }),
    problems: 1,
  },
  {
    name: 'a Function call elsewhere fails',
    file: `${ZOD_PROBE}x=Function(\`\`);`,
    report: report({
      warnings: [
        { code: 'DANGEROUS_EVAL', message: '', file: 'a.js', line: 1, column: ZOD_PROBE.length + 3 },
      ],
    }),
    problems: 1,
  },
  {
    name: 'an innerHTML assignment of ours fails',
    file: 'el.innerHTML=html)}}break;',
    report: report({
      warnings: [{ code: 'UNSAFE_VAR_ASSIGNMENT', message: '', file: 'a.js', line: 1, column: 1 }],
    }),
    problems: 1,
  },
  {
    name: 'the known text under another rule fails',
    file: ZOD_PROBE,
    report: report({
      warnings: [{ code: 'UNSAFE_VAR_ASSIGNMENT', message: '', file: 'a.js', ...at(ZOD_PROBE, 'Function(') }],
    }),
    problems: 1,
  },
  {
    name: 'a warning without a position fails',
    file: ZOD_PROBE,
    report: report({ warnings: [{ code: 'DANGEROUS_EVAL', message: '', file: 'a.js' }] }),
    problems: 1,
  },
  {
    name: 'every error fails',
    file: '',
    report: report({
      errors: [
        { code: 'JSON_INVALID', message: 'bad id' },
        { code: 'MANIFEST_FIELD_REQUIRED', message: 'x' },
      ],
    }),
    problems: 2,
  },
  {
    name: 'notices pass',
    file: '',
    report: report({ notices: [{ code: 'SOMETHING', message: 'fyi' }] }),
    problems: 0,
  },
];

describe('lintProblems', () => {
  it.each(rows)('$name', (row) => {
    expect(lintProblems(row.report, () => row.file)).toHaveLength(row.problems);
  });
});
