/** The one JSON writer every module uses for what it sends or stores. */
package io.pocketid.core.json;
