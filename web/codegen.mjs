// Typed operations for the web app from the service's schema (npm run web:codegen). The output,
// web/src/gql/, is committed like src/schema.graphql: a test fails while it is stale.
/** @type {import('@graphql-codegen/cli').CodegenConfig} */
export default {
  schema: 'src/schema.graphql',
  documents: ['web/src/**/*.{ts,tsx}', '!web/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        onlyOperationTypes: true,
        useTypeImports: true,
        scalars: { DateTime: 'string', Date: 'string', JSON: 'unknown' },
      },
    },
  },
};
