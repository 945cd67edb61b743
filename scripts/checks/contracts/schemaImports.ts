import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isDirectory, listPackageFiles, loadForceIgnore, readText, rel } from '../lib/files';
import { lwcSourceFiles, moduleImports } from '../lib/lwc';
import type { Check, CheckResult, Finding } from '../lib/types';

const NAME = 'contract-schema-imports';
const PREFIX = '@salesforce/schema/';

/** Standard relationship names whose target object differs from the name (or is worth stating). */
const STANDARD_RELATIONSHIPS: Record<string, string> = {
    owner: 'User',
    createdby: 'User',
    lastmodifiedby: 'User',
    manager: 'User',
    user: 'User',
    account: 'Account',
    contact: 'Contact',
    order: 'Order',
    product2: 'Product2',
    pricebook2: 'Pricebook2',
    pricebookentry: 'PricebookEntry',
    opportunity: 'Opportunity',
    case: 'Case',
    profile: 'Profile',
    billtocontact: 'Contact',
    shiptocontact: 'Contact'
};

const CUSTOM_OBJECT = /__(c|mdt|e|b|x)$/i;

interface ObjectDir {
    name: string;
    dir: string;
    fields: Map<string, string>;
}

/** objects/<Object>/ folders under force-app, by lower-cased API name. */
function objectIndex(projectRoot: string): Map<string, ObjectDir> {
    const ignore = loadForceIgnore(projectRoot);
    const index = new Map<string, ObjectDir>();
    const objectsDirs = new Set<string>();
    for (const f of listPackageFiles(projectRoot)) {
        const parts = f.split(path.sep);
        const i = parts.lastIndexOf('objects');
        if (i > 0 && i < parts.length - 2) objectsDirs.add(parts.slice(0, i + 1).join(path.sep));
    }
    for (const od of objectsDirs) {
        for (const name of readdirSync(od)) {
            const dir = path.join(od, name);
            if (!isDirectory(dir) || !ignore.accepts(dir)) continue;
            const fields = new Map<string, string>();
            const fieldsDir = path.join(dir, 'fields');
            if (existsSync(fieldsDir)) {
                for (const f of readdirSync(fieldsDir)) {
                    const file = path.join(fieldsDir, f);
                    if (f.endsWith('.field-meta.xml') && ignore.accepts(file)) {
                        fields.set(f.slice(0, -'.field-meta.xml'.length).toLowerCase(), file);
                    }
                }
            }
            index.set(name.toLowerCase(), { name, dir, fields });
        }
    }
    return index;
}

function referenceTo(fieldFile: string): string | undefined {
    return /<referenceTo\s*>\s*([^<\s]+)\s*<\/referenceTo\s*>/.exec(readText(fieldFile))?.[1];
}

/**
 * Every `@salesforce/schema/Object.Field__c` (and `Object.Rel__r.Field__c`) names a custom object / field
 * that exists under objects/. Standard objects and fields pass: they come with the org.
 */
export async function runSchemaImports(projectRoot: string): Promise<CheckResult> {
    const objects = objectIndex(projectRoot);
    const files = lwcSourceFiles(projectRoot);
    const findings: Finding[] = [];
    for (const file of files) {
        for (const imp of moduleImports(file)) {
            if (!imp.source.startsWith(PREFIX)) continue;
            const problem = checkPath(imp.source.slice(PREFIX.length), objects);
            if (problem)
                findings.push({
                    file: rel(projectRoot, file),
                    line: imp.line,
                    message: `${imp.source}: ${problem}`,
                    check: NAME
                });
        }
    }
    return { findings, filesExamined: files.length };
}

function checkPath(target: string, objects: Map<string, ObjectDir>): string | undefined {
    const parts = target.split('.');
    if (parts.some((p) => !/^\w+$/.test(p))) return 'expected Object or Object.Field';
    const [objectName, ...chain] = parts;
    let current: ObjectDir | undefined = objects.get(objectName.toLowerCase());
    let currentName = objectName;
    if (CUSTOM_OBJECT.test(objectName) && !current)
        return `custom object ${objectName} does not exist under objects/`;
    for (let i = 0; i < chain.length; i++) {
        const seg = chain[i];
        const last = i === chain.length - 1;
        if (last) {
            if (/__c$/i.test(seg) && !current?.fields.has(seg.toLowerCase())) {
                return `field ${currentName}.${seg} does not exist (no objects/${current?.name ?? currentName}/fields/${seg}.field-meta.xml)`;
            }
            return undefined;
        }
        if (/__r$/i.test(seg)) {
            const fieldName = seg.replace(/__r$/i, '__c');
            const fieldFile = current?.fields.get(fieldName.toLowerCase());
            if (!fieldFile) {
                return `relationship ${currentName}.${seg} has no lookup field (no objects/${current?.name ?? currentName}/fields/${fieldName}.field-meta.xml)`;
            }
            const target = referenceTo(fieldFile);
            if (!target) return undefined; // Not a lookup we can follow; nothing more to verify.
            currentName = target;
            current = objects.get(target.toLowerCase());
            continue;
        }
        // A standard relationship: follow it only when we know where it goes.
        const known = STANDARD_RELATIONSHIPS[seg.toLowerCase()];
        const next = known ?? (objects.has(seg.toLowerCase()) ? seg : undefined);
        if (!next) return undefined;
        currentName = next;
        current = objects.get(next.toLowerCase());
    }
    return undefined;
}

export async function checkSchemaImports(projectRoot: string): Promise<Finding[]> {
    return (await runSchemaImports(projectRoot)).findings;
}

export const schemaImportsCheck: Check = { name: NAME, run: runSchemaImports };
