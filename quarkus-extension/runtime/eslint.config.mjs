// ESLint (flat config, no plugins: a global `npm install -g eslint@9.39.1` runs it) for the browser
// glue and its unit tests. GlueLintTest runs it in the build. The glue is plain ES2017 that HtmlUnit
// runs: the parser stops at ES2017, and the rules below refuse what HtmlUnit lacks.
const BROWSER = [
  'window', 'document', 'location', 'localStorage', 'sessionStorage', 'console', 'setTimeout', 'clearTimeout',
  'WebSocket', 'CustomEvent', 'TextEncoder', 'URL', 'XMLHttpRequest', 'MutationObserver'
];
const NODE = ['process', 'console', 'TextEncoder', 'URL'];

const COMMON = {
  'no-undef': 'error',
  'no-unused-vars': ['error', { caughtErrors: 'none' }],
  'no-redeclare': 'error',
  'no-shadow': 'error',
  'no-use-before-define': ['error', { functions: false, classes: true, variables: false }],
  'no-var': 'error',
  'prefer-const': 'error',
  'eqeqeq': 'error',
  'no-empty': 'error',
  'no-unreachable': 'error',
  'no-dupe-keys': 'error',
  'no-self-compare': 'error',
  'no-unsafe-finally': 'error',
  'no-fallthrough': 'error',
  'no-cond-assign': 'error',
  'no-constant-condition': 'error',
  'no-eval': 'error',
  'no-implied-eval': 'error',
  'valid-typeof': 'error',
  'use-isnan': 'error'
};

export default [
  { ignores: ['target/**'] },
  {
    files: ['src/main/resources/META-INF/browser-storage/glue/*.js'],
    languageOptions: {
      ecmaVersion: 2017,
      sourceType: 'script',
      globals: Object.fromEntries(BROWSER.map(name => [name, 'readonly']))
    },
    rules: Object.assign({}, COMMON, {
      'strict': ['error', 'function'],
      'no-implicit-globals': 'error',
      'no-restricted-globals': ['error', { name: 'fetch', message: 'HtmlUnit has no fetch: use XMLHttpRequest.' }],
      'no-restricted-syntax': ['error',
        { selector: 'ClassDeclaration, ClassExpression', message: 'HtmlUnit runs no class.' },
        { selector: ':function[async=true]', message: 'HtmlUnit runs no async function.' },
        { selector: 'SpreadElement', message: 'HtmlUnit runs no spread in calls or arrays.' },
        { selector: 'Program > :not(ExpressionStatement)', message: 'A glue file is one function expression run at once.' }
      ]
    })
  },
  {
    files: ['src/test/js/*.mjs'],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: Object.fromEntries(NODE.map(name => [name, 'readonly']))
    },
    rules: COMMON
  }
];
