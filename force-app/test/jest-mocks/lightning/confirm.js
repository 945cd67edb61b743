// LightningConfirm.open resolves to the user's answer; tests set it with mockResolvedValue.
export default class LightningConfirm {
    static open = jest.fn(() => Promise.resolve(true));
}
