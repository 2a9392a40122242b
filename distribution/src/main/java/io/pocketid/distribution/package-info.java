/** Build-time tools of the image (the class-list trainer); not shipped. */
package io.pocketid.distribution;
