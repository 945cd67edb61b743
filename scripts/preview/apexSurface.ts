import fs from 'node:fs';
import path from 'node:path';
import { ApexParserFactory, ModifierContext } from '@apexdevtools/apex-parser';

export interface ApexParam {
    type: string;
    name: string;
}

export interface ApexMethod {
    className: string;
    name: string;
    params: ApexParam[];
    cacheable: boolean;
    isStatic: boolean;
}

function auraAnnotation(modifiers: ModifierContext[]): { aura: boolean; cacheable: boolean } {
    for (const modifier of modifiers) {
        const annotation = modifier.annotation();
        if (!annotation) continue;
        if (annotation.id().getText().toLowerCase() !== 'auraenabled') continue;
        const pairs = annotation.elementValuePairs()?.elementValuePair_list() ?? [];
        const cacheable = pairs.some(
            (pair) =>
                pair.id().getText().toLowerCase() === 'cacheable' &&
                pair.elementValue().getText().toLowerCase() === 'true'
        );
        return { aura: true, cacheable };
    }
    return { aura: false, cacheable: false };
}

// The @AuraEnabled methods of one top-level Apex class (inner classes hold DTO properties only).
export function parseAuraMethods(source: string): ApexMethod[] {
    const parser = ApexParserFactory.createParser(source);
    const unit = parser.compilationUnit();
    const classDecl = unit.typeDeclaration()?.classDeclaration();
    if (!classDecl) return [];
    const className = classDecl.id().getText();
    const methods: ApexMethod[] = [];
    for (const decl of classDecl.classBody().classBodyDeclaration_list()) {
        const method = decl.memberDeclaration()?.methodDeclaration();
        if (!method) continue;
        const modifiers = decl.modifier_list();
        const { aura, cacheable } = auraAnnotation(modifiers);
        if (!aura) continue;
        const params = (method.formalParameters().formalParameterList()?.formalParameter_list() ?? []).map(
            (p) => ({ type: p.typeRef().getText(), name: p.id().getText() })
        );
        methods.push({
            className,
            name: method.id().getText(),
            params,
            cacheable,
            isStatic: modifiers.some((m) => !!m.STATIC())
        });
    }
    return methods;
}

// Every @AuraEnabled method in force-app classes, keyed `Class.method`.
export function readApexSurface(classesDir: string): Map<string, ApexMethod> {
    const surface = new Map<string, ApexMethod>();
    if (!fs.existsSync(classesDir)) return surface;
    for (const file of fs.readdirSync(classesDir)) {
        if (!file.endsWith('.cls')) continue;
        const source = fs.readFileSync(path.join(classesDir, file), 'utf8');
        for (const method of parseAuraMethods(source)) {
            surface.set(`${method.className}.${method.name}`, method);
        }
    }
    return surface;
}
