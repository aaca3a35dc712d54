// Names the API accepts, for the filters' choices.

/** The ten templates, in the order of the event contract. */
export const TEMPLATE_TYPES = ['delivery_reminder', 'delivery_confirmed', 'delivery_delayed', 'payment_reminder',
	'payment_confirmation', 'subscription_confirmation', 'pause_confirmation', 'order_confirmation', 'churn_risk',
	'new_product'];

/** The CloudEvents types, as dead-lettered records carry them. */
export const EVENT_TYPES = ['earlybird.delivery.scheduled', 'earlybird.delivery.confirmed', 'earlybird.delivery.delayed',
	'earlybird.bill.generated', 'earlybird.payment.recorded', 'earlybird.subscription.created',
	'earlybird.subscription.paused', 'earlybird.order.created', 'earlybird.customer.churn-risk-detected',
	'earlybird.product.launched'];

/** Where a notification can stand. */
export const STATUSES = ['queued', 'sending', 'in_doubt', 'sent', 'delivered', 'read', 'failed', 'expired'];

/** The failure classes of the dead-letter topic. */
export const ERROR_CLASSES = ['PoisonEvent', 'ProviderTransient', 'ProviderRateLimited', 'ProviderConfiguration',
	'ProcessingError'];
