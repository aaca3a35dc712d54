package in.earlybird.notification.templates;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

import freemarker.core.ParseException;
import freemarker.core.PlainTextOutputFormat;
import freemarker.core.TemplateClassResolver;
import freemarker.ext.beans.BeansWrapper;
import freemarker.template.Configuration;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.ObjectWrapper;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateModelException;
import in.earlybird.events.Customer;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.India;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The FreeMarker set-up for templates that admins edit: compiles template sources and
 * builds the data model an event is rendered with. Templates see the event's fields and
 * the {@code fmt} helpers, and nothing else of Java.
 */
@Component
class TemplateEngine {

	private static final String PHONE = "phone";

	private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
		@Override
		protected RecordComponent[] computeValue(Class<?> type) {
			return type.getRecordComponents();
		}
	};

	private final Configuration configuration;

	private final ObjectWrapper objectWrapper;

	TemplateEngine() {
		DefaultObjectWrapperBuilder wrapperBuilder = new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_35);
		// Events arrive as maps of plain values; any other object shows only its
		// toString(), never its methods.
		wrapperBuilder.setExposureLevel(BeansWrapper.EXPOSE_NOTHING);
		this.objectWrapper = wrapperBuilder.build();

		Configuration config = new Configuration(Configuration.VERSION_2_3_35);
		config.setObjectWrapper(this.objectWrapper);
		config.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
		config.setAttemptExceptionReporter((exception, environment) -> {
		});
		config.setLogTemplateExceptions(false);
		config.setWrapUncheckedExceptions(true);
		config.setShowErrorTips(false);
		config.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
		config.setAPIBuiltinEnabled(false);
		// Templates are built from strings: no loader, so no #include or #import of
		// files.
		config.setTemplateLoader(null);
		config.setLocalizedLookup(false);
		config.setTagSyntax(Configuration.ANGLE_BRACKET_TAG_SYNTAX);
		config.setInterpolationSyntax(Configuration.DOLLAR_INTERPOLATION_SYNTAX);
		config.setRecognizeStandardFileExtensions(false);
		config.setOutputFormat(PlainTextOutputFormat.INSTANCE);
		config.setAutoEscapingPolicy(Configuration.DISABLE_AUTO_ESCAPING_POLICY);
		config.setFallbackOnNullLoopVariable(false);
		// Raw ${number} stays locale-free (2500, not 2,500); templates format with fmt.
		config.setNumberFormat("computer");
		config.setBooleanFormat("c");
		config.setLocale(Locale.ENGLISH);
		config.setTimeZone(TimeZone.getTimeZone(India.ZONE));
		config.setDefaultEncoding("UTF-8");
		this.configuration = config;
	}

	/**
	 * Parses a template source.
	 * @param name the template's name in error messages, e.g.
	 * {@code delivery_reminder/hi/v3/{{2}}}
	 * @param source the FreeMarker source
	 * @return the parsed template, safe to render from many threads
	 * @throws TemplateSyntaxException if the source does not parse
	 */
	Template compile(String name, String source) {
		try {
			return new Template(name, new StringReader(source), this.configuration);
		}
		catch (ParseException ex) {
			throw new TemplateSyntaxException("syntax error at line " + ex.getLineNumber() + ", column "
					+ ex.getColumnNumber() + ": " + ex.getEditorMessage());
		}
		catch (IOException ex) {
			// A StringReader cannot fail to read; FreeMarker declares it all the same.
			throw new TemplateSyntaxException("could not be read: " + ex.getMessage());
		}
	}

	/**
	 * Builds the data model for an event: every field of the event record by name (the
	 * customer as {@code customer.name}, {@code customer.id} and
	 * {@code customer.language}, never the phone number), enums as their names, and the
	 * {@code fmt} helpers for the language.
	 * @param event the event
	 * @param language the language of the translation being rendered
	 * @return the root data model
	 */
	TemplateHashModel model(NotificationEvent event, String language) {
		// Every event of the sealed hierarchy is a record.
		Map<String, Object> model = recordModel((Record) event);
		model.put("fmt", TemplateFormats.forLanguage(language).model());
		try {
			return (TemplateHashModel) this.objectWrapper.wrap(model);
		}
		catch (TemplateModelException ex) {
			throw new IllegalStateException("Could not wrap the data model of " + event.eventType().ceType(), ex);
		}
	}

	/**
	 * Lists the names a template can use for an event, e.g. {@code customer.name} and
	 * {@code deliveryDate}, for admins' error messages.
	 * @param event the event
	 * @return the field names, nested ones with a dot, in record order
	 */
	static List<String> fieldNames(NotificationEvent event) {
		List<String> names = new ArrayList<>();
		for (RecordComponent component : COMPONENTS.get(event.getClass())) {
			if (component.getType() == Customer.class) {
				for (RecordComponent customerField : COMPONENTS.get(Customer.class)) {
					if (!PHONE.equals(customerField.getName())) {
						names.add(component.getName() + "." + customerField.getName());
					}
				}
			}
			else {
				names.add(component.getName());
			}
		}
		return names;
	}

	/**
	 * Renders a template into a string.
	 * @param template the template
	 * @param model the data model
	 * @return the output
	 * @throws TemplateException if the template fails, e.g. on a missing value
	 */
	static String process(Template template, TemplateHashModel model) throws TemplateException {
		StringWriter out = new StringWriter(256);
		try {
			template.process(model, out);
		}
		catch (IOException ex) {
			throw new IllegalStateException("A StringWriter failed", ex);
		}
		return out.toString();
	}

	private static Map<String, Object> recordModel(Record record) {
		RecordComponent[] components = COMPONENTS.get(record.getClass());
		Map<String, Object> model = new HashMap<>(components.length * 2 + 2);
		for (RecordComponent component : components) {
			if (record instanceof Customer && PHONE.equals(component.getName())) {
				continue;
			}
			Object value = read(record, component);
			if (value != null) {
				model.put(component.getName(), modelValue(value));
			}
		}
		return model;
	}

	private static Object modelValue(Object value) {
		return switch (value) {
			case Record record -> recordModel(record);
			case Enum<?> constant -> constant.name();
			default -> value;
		};
	}

	private static @Nullable Object read(Record record, RecordComponent component) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(
					"Cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), ex);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(
					"Reading " + component.getName() + " of " + record.getClass().getSimpleName() + " failed",
					ex.getCause());
		}
	}

	/** A template source that does not parse; the message says where and why. */
	static final class TemplateSyntaxException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TemplateSyntaxException(String message) {
			super(message);
		}

	}

}
