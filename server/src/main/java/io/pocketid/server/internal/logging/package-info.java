/** Internal: logback set-up in code and the java.util.logging bridge. Not an API. */
package io.pocketid.server.internal.logging;
