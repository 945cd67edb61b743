// lightning-combobox needs this gate closed under synthetic shadow (TOOLCHAIN gotcha 5).
export default { isOpen: () => false };
