import path from 'node:path';

// Every path the preview needs, absolute, so rollup module records work from any importer (TOOLCHAIN gotcha 6).
export const repoRoot = path.resolve(__dirname, '..', '..');
export const previewDir = path.join(repoRoot, 'scripts', 'preview');
export const srcDir = path.join(previewDir, 'src');
export const runtimeDir = path.join(srcDir, 'runtime');
export const distDir = path.join(previewDir, 'dist');
/** What the preview serves under `/assets/`: the built bundle and the compressed SLDS stylesheet. */
export const publicDir = path.join(distDir, 'public');
export const forceAppDir = path.join(repoRoot, 'force-app', 'main', 'default');
export const lwcDir = path.join(forceAppDir, 'lwc');
export const classesDir = path.join(forceAppDir, 'classes');
export const labelsFile = path.join(forceAppDir, 'labels', 'CustomLabels.labels-meta.xml');
export const jaTranslationFile = path.join(forceAppDir, 'translations', 'ja.translation-meta.xml');
export const dataDir = path.join(repoRoot, 'data');
export const localDir = path.join(repoRoot, '.local');
export const sldsAssetsDir = path.join(repoRoot, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
export const sldsStylesheet = path.join(
    sldsAssetsDir,
    'styles',
    'salesforce-lightning-design-system.min.css'
);
export const lbcDir = path.join(repoRoot, 'node_modules', 'lightning-base-components', 'src');
export const standinDir = path.join(srcDir, 'standin');
