import { latinWordsNotData } from '../journeys/layout';

describe('latinWordsNotData (the layout journey’s English-in-Japanese check)', () => {
    const data = ['SIM Voice 20 GB', 'Hanako Sato', '1-2-3 Jingumae'];

    it('flags English words a Japanese page should not show', () => {
        expect(latinWordsNotData('お客様番号 Help Info', data)).toEqual(['Help', 'Info']);
        expect(latinWordsNotData('Show 状況 column actions', data)).toEqual(['Show', 'column', 'actions']);
    });

    it('leaves data, ids, amounts, emails, single letters and the allowed terms alone', () => {
        for (const text of [
            'ログイン中: Hanako Sato',
            'SIM Voice 20 GB — 月額 ¥2,480',
            '注文 ORD-00000100 · 1-2-3 Jingumae',
            'hanako.sato@example.jp',
            '英字(A〜Z、a〜z)を1文字以上',
            'MNP予約番号(10桁)',
            'VPNのお申し込み'
        ]) {
            expect(latinWordsNotData(text, data)).toEqual([]);
        }
    });
});
