/** Types for samlify's schema validator package, which ships none. */
declare module '@authenio/samlify-xmllint-wasm' {
  /** Resolves true when the XML is valid against the SAML 2.0 schemas; rejects otherwise. */
  export function validate(xml: string): Promise<boolean>;
}
