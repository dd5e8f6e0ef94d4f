// The English knowledge of the naming rules, beyond the labelled corpus (which test/corpus runs
// through the CLI): names written for these tests, on both sides of each rule.
import { describe, expect, it } from 'vitest';
import {
  eventNameDerivedProblem, eventNameStateProblem, eventNameVerbProblem, propertyDerivedProblem, suggestEventName, toSnakeCase,
} from '../../src/naming/index.js';
import { participle, pastOf } from '../../src/naming/lexicon.js';

const eventErrors = (name: string) => [eventNameVerbProblem(name), eventNameStateProblem(name), eventNameDerivedProblem(name)]
  .filter((p) => p?.severity === 'error');

describe('the lexicon', () => {
  it.each([
    ['viewed', 'view'], ['created', 'create'], ['tapped', 'tap'], ['cancelled', 'cancel'], ['canceled', 'cancel'], ['copied', 'copy'],
    ['panicked', 'panic'], ['sent', 'send'], ['bought', 'buy'], ['paid', 'pay'], ['read', 'read'], ['set', 'set'], ['reset', 'reset'],
    ['hidden', 'hide'], ['withdrawn', 'withdraw'], ['hung', 'hang'], ['chosen', 'choose'], ['used', 'use'], ['freed', 'free'],
    ['uninstalled', 'uninstall'], ['rebuilt', 'rebuild'], ['upvoted', 'upvote'], ['bookmarked', 'bookmark'], ['disabled', 'disable'], ['limited', 'limit'],
  ])('%s is a past form of %s', (form, verb) => {
    expect(pastOf(form)).toBe(verb);
  });

  it.each(['feed', 'speed', 'embed', 'seed', 'need', 'bed', 'red', 'hundred', 'naked', 'view', 'create', 'success', 'status', 'ed'])('%s is not a past form', (word) => {
    expect(pastOf(word)).toBeUndefined();
  });

  it.each([['view', 'viewed'], ['create', 'created'], ['tap', 'tapped'], ['copy', 'copied'], ['send', 'sent'], ['embed', 'embedded'], ['submit', 'submitted'], ['visit', 'visited'], ['open', 'opened']])(
    'the participle of %s is %s', (verb, form) => { expect(participle(verb)).toBe(form); });
});

describe('event names that pass every naming rule', () => {
  it.each([
    'invoice_paid', 'file_uploaded', 'comment_deleted', 'user_logged_out', 'password_reset', 'invite_sent', 'coupon_applied',
    'item_removed_from_cart', 'tab_switched', 'notification_dismissed', 'report_downloaded', 'plan_upgraded', 'products_searched',
    'product_list_filtered', 'payment_info_entered', 'order_cancelled', 'coupon_denied', 'product_removed_from_wishlist',
    'video_playback_interrupted', 'video_playback_seek_completed', 'application_backgrounded', 'install_attributed',
    'push_notification_received', 'user_signed_in', 'trial_ended', 'email_unsubscribed', 'live_chat_message_received',
    'user_opted_out', 'post_upvoted', 'message_read', 'task_reassigned', 'deployment_rolled_back', 'variant_assigned',
    'field_autofilled', 'ride_booked', 'review_written', 'bid_placed', 'auction_won', 'item_sold', 'refund_issued',
    'mfa_enabled', 'feature_enabled', 'account_disabled', 'first_name_changed', 'seat_count_changed', 'user_identified',
    'lead_qualified', 'dark_mode_enabled', 'onboarding_step_2_completed', 'daily_summary_sent', 'last_step_completed',
    'plan_tier_changed', 'light_theme_enabled', 'video_seeked', 'email_forwarded_to_team',
  ])('%s', (name) => {
    expect(eventErrors(name)).toEqual([]);
  });
});

describe('event names that fail, and why', () => {
  it.each([
    ['news_feed', 'event-name-verb'], ['video_embed', 'event-name-verb'], ['page_speed', 'event-name-verb'], ['app_open', 'event-name-verb'],
    ['signup', 'event-name-verb'], ['user_signup', 'event-name-verb'], ['checkout_start', 'event-name-verb'], ['sign_in_click', 'event-name-verb'],
    ['search_results', 'event-name-verb'], ['form_submit', 'event-name-verb'], ['order_confirmation', 'event-name-verb'], ['login_attempt', 'event-name-verb'],
    ['is_subscribed', 'event-name-state'], ['has_subscribed', 'event-name-state'], ['user_active', 'event-name-state'], ['account_state', 'event-name-state'],
    ['monthly_active_users', 'event-name-derived'], ['weekly_active_users_counted', 'event-name-derived'], ['power_user_detected', 'event-name-derived'],
    ['churn_predicted', 'event-name-derived'], ['user_segment_changed', 'event-name-derived'], ['vip_customer_upgraded', 'event-name-derived'],
    ['high_value_order_placed', 'event-name-derived'], ['repeat_purchase_made', 'event-name-derived'], ['first_purchase_completed', 'event-name-derived'],
    ['second_session_started', 'event-name-derived'], ['returning_visitor_arrived', 'event-name-derived'], ['engagement_score_updated', 'event-name-derived'],
    ['user_retained', 'event-name-derived'], ['lifetime_value_updated', 'event-name-derived'], ['monthly_revenue_calculated', 'event-name-derived'],
    ['lead_scored', 'event-name-derived'],
  ])('%s (%s)', (name, rule) => {
    const problem = { 'event-name-verb': eventNameVerbProblem, 'event-name-state': eventNameStateProblem, 'event-name-derived': eventNameDerivedProblem }[rule]!(name);
    expect(problem?.severity).toBe('error');
    expect(problem!.message).toContain('`');
  });
});

describe('explanations and fixes', () => {
  it.each([
    ['create_project', 'project_created', 'instruction'], ['change_form', 'form_changed', 'instruction'], ['email_user', 'user_emailed', 'instruction'],
    ['user_logs_in', 'user_logged_in', 'present tense'], ['video_playing', 'video_played', 'progressive'], ['project_creation', 'project_created', 'noun'],
    ['user_login', 'user_logged_in', 'noun'], ['user_logout', 'user_logged_out', 'noun'], ['video_embed', 'video_embedded', 'present tense'],
    ['signup_complete', 'signup_completed', 'present tense'],
  ])('%s -> %s (%s)', (name, fixed, why) => {
    expect(eventNameVerbProblem(name)!.message).toContain(why);
    expect(suggestEventName(name)).toBe(fixed);
  });

  it('offers both readings of a word that is a noun as much as a verb', () => {
    expect(eventNameVerbProblem('page_view')!.message).toBe('`view` is a noun or a present-tense verb, not a past-tense verb. If it is the action, use the past tense: `page_viewed`; if it is the object, add what happened to it: `page_view_<past verb>`.');
  });

  it('says what is missing from a name without an object', () => {
    expect(eventNameVerbProblem('signed_up')!.message).toContain('put the object first, e.g. `user_signed_up`');
    expect(eventNameVerbProblem('add_to_cart')!.message).toContain('`item_added_to_cart`');
  });

  it('turns any spelling into snake_case', () => {
    expect(toSnakeCase('Project Created')).toBe('project_created');
    expect(toSnakeCase('ProjectCreated')).toBe('project_created');
    expect(toSnakeCase('project-created')).toBe('project_created');
    expect(toSnakeCase('APIKeyRotated')).toBe('api_key_rotated');
    expect(toSnakeCase('projet_créé')).toBe('projet_cree');
  });
});

describe('property names', () => {
  it.each([
    'first_name', 'last_name', 'tax_rate', 'frame_rate', 'exchange_rate', 'user_group', 'product_category', 'price_tier', 'plan_tier',
    'previous_plan_type', 'referrer', 'utm_campaign', 'cart_value', 'item_price', 'error_message', 'duration_ms', 'time_on_page', 'session_id',
    'is_logged_in', 'is_admin', 'is_enabled', 'monthly_price', 'created_at', 'total_amount', 'total_items',
    'acquisition_channel', 'signup_source', 'cancellation_reason', 'seat_count', 'number_of_items', 'nps_score', 'quiz_score', 'page_number',
  ])('%s describes the action (no error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).not.toBe('error');
  });

  it.each([
    'conversion_rate', 'bounce_rate', 'avg_session_length', 'total_sessions', 'lifetime_orders', 'user_segment', 'days_since_last_login',
    'purchase_propensity', 'customer_tier', 'loyalty_tier', 'is_new_user', 'is_first_session', 'number_of_logins', 'login_count', 'ltv', 'arpu',
    'credit_score', 'fraud_score', 'health_score', 'first_seen_date', 'last_order_date', 'total_orders', 'average_rating', 'revenue_to_date',
    'visits_last_30d', 'sessions_7d', 'user_cohort', 'engagement_level', 'predicted_churn', 'forecast_value', 'account_age_days', 'tenure_months',
    'session_duration',
  ])('%s analyses (error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).toBe('error');
  });

  it('warns on counts and scores that may be facts of the action', () => {
    expect(propertyDerivedProblem('item_count')).toMatchObject({ severity: 'warning' });
    expect(propertyDerivedProblem('nps_score')).toMatchObject({ severity: 'warning' });
  });
});
