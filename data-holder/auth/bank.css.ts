/** The sandbox data holder's stylesheet (the look of the service's sandbox bank), served as a file so its pages run under a strict CSP. */
export const BANK_CSS = `
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,sans-serif;color:#1b1b1b;background:#f3f5f7}
.bank-header{display:flex;gap:10px;align-items:center;padding:12px 20px;background:#00463f;color:#fff;font-weight:600}
.bank-logo{display:inline-grid;place-items:center;width:32px;height:32px;border-radius:50%;background:#ffd24c;color:#00463f}
.sandbox-tag{margin-left:auto;font-size:12px;border:1px solid #fff;border-radius:4px;padding:0 6px}
.bank-main{max-width:480px;margin:24px auto;padding:24px;background:#fff;border-radius:8px}
h1{font-size:24px;margin-top:0}h2{font-size:18px}
label{display:block;font-weight:600;margin:12px 0 4px}.account label{display:inline;font-weight:400}
input:not([type=checkbox]){width:100%;padding:10px;font:inherit;border:1px solid #6b6b6b;border-radius:4px}
input[type=checkbox]{width:20px;height:20px;vertical-align:middle;margin-right:8px}
.account{padding:8px 0}.unavailable label{color:#595959}
fieldset{border:0;padding:0}legend{font-weight:600}
button{margin-top:16px;min-height:44px;padding:10px 20px;font:inherit;font-weight:600;color:#fff;background:#00463f;border:0;border-radius:4px;cursor:pointer}
button.secondary{background:#fff;color:#00463f;border:2px solid #00463f}button.link{background:none;color:#00463f;text-decoration:underline;padding:0;min-height:24px}
button:focus-visible,input:focus-visible{outline:3px solid #0459a8;outline-offset:2px}
.hint{color:#595959;font-size:14px;margin:4px 0}.error{color:#a4000f;border-left:4px solid #a4000f;padding-left:8px}
.notice{border-left:4px solid #00463f;padding-left:8px}
.arrangements{list-style:none;padding:0}.arrangement{border-top:1px solid #d0d5d9;padding:8px 0 16px}.arrangement h2{margin-bottom:0}h3{font-size:16px;margin:12px 0 0}
a{color:#00463f}a:focus-visible{outline:3px solid #0459a8;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.bank-footer{text-align:center;color:#595959;font-size:14px;padding:16px}
`;
