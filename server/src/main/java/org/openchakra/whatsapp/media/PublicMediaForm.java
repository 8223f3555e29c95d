package org.openchakra.whatsapp.media;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.util.ArrayList;
import java.util.List;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.MultipartForms;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;

/**
 * The form of {@code upload-public-media} (whatsapp.md §5): the {@code file} part (required) and the
 * optional {@code filename} field (else the part's own file name). {@code content} streams the part, which
 * Tomcat keeps on disk.
 */
record PublicMediaForm(InputStreamSource content, long size, String filename, String partContentType) {

    static final String FILE = "file";

    static PublicMediaForm read(HttpServletRequest request) {
        List<Part> files = MultipartForms.fileParts(request, FILE);
        List<ErrorDetail> problems = new ArrayList<>();
        Part file = MultipartForms.single(files, FILE, problems);
        String filename = MultipartForms.text(request, "filename", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        return new PublicMediaForm(
                file::getInputStream,
                file.getSize(),
                filename != null ? filename : MultipartForms.submittedName(file),
                file.getContentType());
    }
}
