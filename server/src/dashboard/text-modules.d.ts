// Files tsup inlines as strings (loader `.txt: text`): the built dashboard front end.
declare module '*.txt' {
  const text: string;
  export default text;
}
