package dev.portolan.web.audit;

import dev.portolan.api.audit.AuditLog;
import dev.portolan.web.PageModel;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.views.View;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.file.Path;
import java.util.Map;

/** The audit log's last entries, newest first. */
@Hidden
@Controller("/ui")
public class AuditPageController {
    private final PageModel pages;
    private final AuditLog audit;

    public AuditPageController(PageModel pages, AuditLog audit) {
        this.pages = pages;
        this.audit = audit;
    }

    @Get(value = "/audit", produces = MediaType.TEXT_HTML)
    @View("audit")
    public Map<String, Object> audit() {
        Map<String, Object> model = pages.page("audit");
        model.put("entries", audit.newestFirst());
        model.put("capacity", audit.capacity());
        model.put("file", audit.file().map(Path::toString).orElse("the portolan.audit logger's output"));
        return model;
    }
}
