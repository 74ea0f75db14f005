package io.quarkiverse.functions.it;

import jakarta.validation.constraints.NotBlank;

import org.jboss.logging.Logger;

import io.quarkus.funqy.Funq;

// tag::uploaded[]
public class UploadFunctions {

    private static final Logger LOG = Logger.getLogger(UploadFunctions.class);

    /** What a storage service reports about a stored object; the fields not named here are ignored. */
    public record StoredObject(@NotBlank String bucket, @NotBlank String name, String contentType, long size) {
    }

    public record Upload(String path, String contentType, long size) {
    }

    /** Takes an object-stored event's data: over HTTP, or from a Cloud Storage trigger. */
    @Funq
    public Upload uploaded(StoredObject object) {
        LOG.infof("Recording an upload of %d bytes", object.size());
        return new Upload(object.bucket() + "/" + object.name(), object.contentType(), object.size());
    }
}
// end::uploaded[]
