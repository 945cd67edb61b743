/** One problem found by a check. `file` is relative to the project root, `line` counts from 1 (0 = whole file). */
export interface Finding {
    file: string;
    line: number;
    message: string;
    check: string;
}

export interface CheckResult {
    findings: Finding[];
    filesExamined: number;
    /** Extra lines for the summary (e.g. which PMD rules ran). */
    notes?: string[];
}

export interface Check {
    name: string;
    run(projectRoot: string): Promise<CheckResult>;
}
