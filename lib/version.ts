/** The toolkit's version, recorded in every manifest so that a dataset names the code that made it. */
export const VERSION = "0.2.0";
