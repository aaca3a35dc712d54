package in.earlybird.notification.admin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.admin.AdminProblem.FieldError;
import in.earlybird.notification.admin.TemplateViews.DraftPreviewView;
import in.earlybird.notification.admin.TemplateViews.PreviewView;
import in.earlybird.notification.admin.TemplateViews.TemplateDetailsView;
import in.earlybird.notification.admin.TemplateViews.TemplateView;
import in.earlybird.notification.admin.TemplateViews.VersionSummary;
import in.earlybird.notification.templates.InvalidTemplateException;
import in.earlybird.notification.templates.TemplateCatalog;
import in.earlybird.notification.templates.TemplateChange;
import in.earlybird.notification.templates.TemplateDefinition;
import in.earlybird.notification.templates.TemplateType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The ten WhatsApp templates: read, preview, and validated edits that keep versions. */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Templates")
class TemplateController {

	private final TemplateCatalog catalog;

	private final AdminAudit audit;

	TemplateController(TemplateCatalog catalog, AdminAudit audit) {
		this.catalog = catalog;
		this.audit = audit;
	}

	@GetMapping("/templates")
	@Operation(summary = "List the current version of every template")
	List<TemplateView> templates() {
		return this.catalog.all().stream().map(TemplateView::of).toList();
	}

	@GetMapping("/templates/{type}")
	@Operation(summary = "Show a template with its versions and a preview in each language")
	TemplateDetailsView template(@PathVariable String type) {
		TemplateType template = known(type);
		List<TemplateDefinition> versions = this.catalog.versions(template);
		if (versions.isEmpty()) {
			throw AdminProblem.notFound("TEMPLATE_NOT_FOUND", "Template " + template.key() + " is not stored yet");
		}
		TemplateDefinition current = versions.get(0);
		Map<String, PreviewView> previews = new LinkedHashMap<>();
		for (String language : current.translations().keySet()) {
			previews.put(language, PreviewView.of(this.catalog.preview(template, language)));
		}
		return new TemplateDetailsView(template.key(), template.category().value(), current.version(),
				current.updatedAt(), current.updatedBy(), current.translations(),
				versions.stream().map(VersionSummary::of).toList(), previews);
	}

	@GetMapping("/templates/{type}/versions")
	@Operation(summary = "List every version of a template, current first")
	List<TemplateView> versions(@PathVariable String type) {
		return this.catalog.versions(known(type)).stream().map(TemplateView::of).toList();
	}

	@GetMapping("/templates/{type}/preview")
	@Operation(summary = "Render a template's sample event as a customer of a language would get it")
	PreviewView preview(@PathVariable String type, @RequestParam(defaultValue = "en") String language) {
		if (!language.matches("[a-z]{2,3}")) {
			throw AdminProblem.badRequest("language", "must be a lower-case ISO 639 code, e.g. en or hi");
		}
		return PreviewView.of(this.catalog.preview(known(type), language));
	}

	@PostMapping("/templates/{type}/preview")
	@Operation(summary = "Check an edit and render the sample event with it, without saving (admin)",
			description = "The body is what PUT /templates/{type} takes. Applies the same rules and answers 200 either "
					+ "way: valid with the sample rendered in each language of the edit, or not valid with the "
					+ "problems by field, as PUT would refuse them. Saves nothing and leaves no audit record.")
	DraftPreviewView previewChange(@PathVariable String type, @RequestBody TemplateChange change) {
		TemplateType template = known(type);
		try {
			Map<String, PreviewView> previews = new LinkedHashMap<>();
			this.catalog.previewChange(template, change)
				.forEach((language, rendered) -> previews.put(language, PreviewView.of(rendered)));
			return new DraftPreviewView(true, previews, List.of());
		}
		catch (InvalidTemplateException ex) {
			return new DraftPreviewView(false, Map.of(),
					ex.problems()
						.stream()
						.map((problem) -> new FieldError(problem.field(), problem.message()))
						.toList());
		}
	}

	@PutMapping("/templates/{type}")
	@Operation(summary = "Replace a template's translations (admin)",
			description = "Validated before it is saved: every snippet must parse and render the template's sample "
					+ "event in its language, parameters must be one line and not blank, and each translation must "
					+ "keep the parameter count of its approved MyOperator template unless parameterCountChanged is "
					+ "true. The replaced version is kept. Pass expectedVersion to refuse overwriting someone else's "
					+ "edit (409).")
	TemplateView update(@PathVariable String type, @RequestBody TemplateChange change, Caller caller) {
		TemplateType template = known(type);
		this.audit.admit(caller, "template.update");
		try {
			TemplateDefinition saved = this.catalog.update(template, change, caller.subject());
			this.audit.record(caller, "template.update", template.key(), "saved",
					Map.of("version", saved.version(), "languages", List.copyOf(saved.translations().keySet())));
			return TemplateView.of(saved);
		}
		catch (InvalidTemplateException ex) {
			this.audit.record(caller, "template.update", template.key(), "refused",
					Map.of("problems", ex.problems().size()));
			throw ex;
		}
		catch (org.springframework.dao.OptimisticLockingFailureException ex) {
			this.audit.record(caller, "template.update", template.key(), "conflict", null);
			throw ex;
		}
	}

	private static TemplateType known(String type) {
		return TemplateType.fromKey(type)
			.orElseThrow(() -> AdminProblem.notFound("TEMPLATE_NOT_FOUND", "No template "
					+ type.replaceAll("[^a-z0-9_]", "") + "; templates are " + RequestValues.templateKeys()));
	}

}
