import { bootstrap } from '../../../runtime/env.js';

// Strings of the preview shell itself (the real site's navigation menu and header are configured in the org).
const STRINGS = {
    en: {
        siteName: 'Customer Portal',
        previewBadge: 'Local preview',
        navLabel: 'Site navigation',
        Home: 'Home',
        Catalog__c: 'Catalog',
        Orders__c: 'Orders',
        Subscriptions__c: 'Subscriptions',
        Invoices__c: 'Invoices',
        Payment_Methods__c: 'Payment methods',
        Profile__c: 'Profile',
        Register: 'Register',
        Link_Account__c: 'Link account',
        Login: 'Log in',
        logout: 'Log out',
        viewAs: 'View as',
        customerView: 'Customer',
        staffView: 'Staff',
        language: 'Language',
        signedInAs: 'Signed in as',
        skipToContent: 'Skip to content',
        notYetBuilt: 'This page component is not in force-app yet:',
        close: 'Close',
        username: 'Username',
        email: 'Email',
        password: 'Password',
        loginTitle: 'Log in to the portal',
        staffLoginTitle: 'Staff log in',
        loginFailed: 'Your username or password is incorrect.',
        demoTitle: 'Demo logins (local preview only)',
        demoHint: 'Demo logins are printed by npm start.',
        demoCustomers: 'Customers log in with their email and the password they chose at sign-up or linking:',
        demoNoCustomers: 'No customer has a portal login yet: register or link an account first.',
        demoRegister: 'customer number / postal code',
        demoLink: 'email / billing (WHMCS) password, then choose a portal password',
        demoStaff: 'Staff user (fills the form):',
        newHere: 'New customer? Register with your customer number.',
        existingWhmcs: 'Already a billing customer? Link your account.',
        staffTitle: 'Orders and accounts (staff)',
        noOrders: 'No orders yet.',
        account: 'Account',
        order: 'Order',
        serviceRequest: 'Service request',
        loading: 'Loading...',
        // Order.Status values: the platform shows them translated on the staff's record pages.
        orderStatus_Draft: 'Draft',
        orderStatus_Approved: 'Approved',
        orderStatus_Activated: 'Activated',
        orderStatus_Cancelled: 'Cancelled'
    },
    ja: {
        siteName: 'カスタマーポータル',
        previewBadge: 'ローカルプレビュー',
        navLabel: 'サイトナビゲーション',
        Home: 'ホーム',
        Catalog__c: 'カタログ',
        Orders__c: '注文',
        Subscriptions__c: 'ご契約サービス',
        Invoices__c: '請求書',
        Payment_Methods__c: 'お支払い方法',
        Profile__c: 'プロフィール',
        Register: '新規登録',
        Link_Account__c: 'アカウント連携',
        Login: 'ログイン',
        logout: 'ログアウト',
        viewAs: '表示',
        customerView: 'お客様',
        staffView: 'スタッフ',
        language: '言語',
        signedInAs: 'ログイン中:',
        skipToContent: '本文へ移動',
        notYetBuilt: 'このページのコンポーネントはまだ force-app にありません:',
        close: '閉じる',
        username: 'ユーザー名',
        email: 'メールアドレス',
        password: 'パスワード',
        loginTitle: 'ポータルにログイン',
        staffLoginTitle: 'スタッフログイン',
        loginFailed: 'ユーザー名またはパスワードが正しくありません。',
        demoTitle: 'デモ用ログイン (ローカルプレビューのみ)',
        demoHint: 'デモ用ログインは npm start が表示します。',
        demoCustomers: 'お客様は、メールアドレスと、登録または連携の際に設定したパスワードでログインします:',
        demoNoCustomers:
            'ポータルにログインできるお客様はまだいません。先に新規登録またはアカウント連携をしてください。',
        demoRegister: 'お客様番号 / 郵便番号',
        demoLink:
            'メールアドレス / 請求サービス (WHMCS) のパスワード。その後ポータルのパスワードを設定します',
        demoStaff: 'スタッフユーザー (フォームに入力されます):',
        newHere: '初めての方は、お客様番号で新規登録してください。',
        existingWhmcs: '請求サービスをご利用中の方は、アカウントを連携してください。',
        staffTitle: '注文とアカウント (スタッフ)',
        noOrders: '注文はまだありません。',
        account: 'アカウント',
        order: '注文',
        serviceRequest: 'サービス変更のお申し込み',
        loading: '読み込み中...',
        orderStatus_Draft: 'ドラフト',
        orderStatus_Approved: '承認済み',
        orderStatus_Activated: '有効',
        orderStatus_Cancelled: 'キャンセル済み',
        // The demo WHMCS customers' notes (scripts/preview/demoLogins.ts has them in English).
        demoNote_Kenta: 'カード登録済み、インターネット、請求書あり',
        demoNote_Emily: 'VPN、未払いの請求書、カードなし',
        demoNote_Noah: 'お客様番号なし: 連携はお断りされます'
    }
};

export function t(key) {
    const table = STRINGS[bootstrap.language] || STRINGS.en;
    return table[key] || STRINGS.en[key] || key;
}

/** A value (an Order status) in the page's language when the shell knows it, else as it is. */
export function tValue(prefix, value) {
    const key = `${prefix}_${value}`;
    return t(key) === key ? value : t(key);
}
