// The local machines run Node 20 (Lambda runs 22); the SDK's reminder of that is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
