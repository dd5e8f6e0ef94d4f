// Realistic names beyond the corpus, written for these tests, on both sides of every rule.
import { describe, expect, it } from 'vitest';
import { eventNameDerivedProblem, eventNameStateProblem, eventNameVerbProblem, propertyDerivedProblem } from '../../src/naming/index.js';

const eventErrors = (name: string) => [eventNameVerbProblem(name), eventNameStateProblem(name), eventNameDerivedProblem(name)]
  .filter((p) => p?.severity === 'error').map((p) => p!.message);
const eventErrorsOf = (name: string, judge: typeof eventNameDerivedProblem) => [judge(name)].filter((p) => p?.severity === 'error');

describe('event names that pass', () => {
  it.each([
    'request_errored', 'comment_replied_to', 'thread_subscribed_to', 'user_accused', 'user_onboarded', 'user_offboarded', 'cart_synced',
    'item_favorited', 'item_unfavorited', 'message_deduped', 'page_screenshotted', 'record_geofenced', 'message_starred', 'post_unliked',
    'user_unfollowed', 'app_foregrounded', 'session_timed_out', 'pin_unpinned', 'item_unarchived', 'tooltip_shown', 'captcha_solved',
    'mfa_enrolled', 'invoice_voided', 'card_declined', 'cart_emptied', 'field_blurred', 'row_dragged', 'panel_resized', 'member_left',
    'password_forgotten', 'alarm_set', 'playlist_shuffled', 'article_read', 'order_dispatched', 'refund_granted', 'customer_won_back',
    'retention_offer_accepted', 'churn_survey_submitted', 'engagement_email_sent', 'cohort_report_exported', 'milestone_reached',
    'monthly_invoice_paid', 'annual_plan_selected', 'daily_reward_claimed', 'final_step_completed', 'quiz_scored', 'segment_created',
    'tier_upgraded', 'user_paywalled', 'feed_doomscrolled', 'password_reset_requested', 'data_put_to_archive',
  ])('%s', (name) => {
    expect(eventErrors(name)).toEqual([]);
  });
});

describe('event names that fail', () => {
  it.each([
    'newsfeed', 'user_newsfeed', 'file_upload', 'view_item', 'remove_from_cart', 'begin_checkout', 'generate_lead', 'tutorial_begin',
    'level_start', 'earn_virtual_currency', 'app_remove', 'first_open', 'session_start', 'user_engagement', 'in_app_purchase',
    'notification_receive', 'is_premium', 'has_trial', 'was_upgraded', 'user_premium', 'account_tier', 'user_online', 'trial_expiring',
    'is_logged_in', 'order_pending', 'payment_due', 'invoice_overdue', 'subscription_inactive', 'at_risk_user_flagged', 'user_segmented',
    'user_inactivity_detected', 'high_intent_user_detected', 'user_added_to_cohort', 'nth_order_placed', 'third_video_watched',
    'login_failed_count', 'session_counted', 'loyalty_tier_changed', 'churn_risk_detected', 'user_became_power_user',
  ])('%s', (name) => {
    expect(eventErrors(name).length).toBeGreaterThan(0);
  });
});

describe('property names', () => {
  it.each([
    'search_results_count', 'page_number', 'file_size', 'video_duration', 'discount_code', 'card_brand', 'error_code', 'http_status',
    'previous_plan', 'account_type', 'team_size', 'word_count', 'retry_count', 'items_in_cart', 'cart_size', 'shipping_cost', 'load_time_ms',
    'star_rating', 'quiz_score', 'level', 'player_level', 'user_level', 'experience_points', 'wallet_balance', 'ab_variant', 'signed_up_at',
    'estimated_delivery_date', 'is_guest', 'is_verified', 'has_coupon', 'retention_offer_id', 'churn_survey_answer', 'model_version',
  ])('%s describes the action (no error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).not.toBe('error');
  });

  it.each([
    'days_active', 'active_days', 'current_streak', 'login_streak', 'is_at_risk', 'fraud_risk', 'risk_level', 'expected_revenue', 'aov',
    'average_order_value', 'lifetime_spend', 'customer_lifetime_value', 'cohort_week', 'hours_since_install', 'session_number',
    'purchase_count', 'num_orders', 'is_new_customer', 'is_vip', 'has_churned', 'is_engaged', 'relevance_score', 'predicted_category',
    'failed_login_count',
  ])('%s analyses (error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).toBe('error');
  });
});

// Issue 19: a word is judged by its place in the name's grammar. An analysis word in the object
// before a plain action is the thing acted on; verbs that record an absence, a change of a
// summed quantity or an attribution are conclusions, whatever they follow.
describe('analysis words as objects, by their place in the name', () => {
  it.each([
    'audience_created', 'segment_exported', 'cohort_renamed', 'funnel_deleted', 'retention_chart_viewed', 'churn_survey_opened',
    'lifetime_subscription_purchased', 'lifetime_access_granted', 'engagement_campaign_launched', 'cohort_analysis_saved',
    'segment_filter_applied', 'segment_updated', 'streak_freeze_purchased', 'streak_shared', 'usage_report_downloaded', 'persona_created',
    'segment_archived', 'cohort_duplicated', 'funnel_step_added', 'retention_dashboard_opened', 'churn_feedback_submitted',
    'lifetime_membership_bought', 'engagement_widget_clicked', 'bucket_created', 'audience_synced', 'streak_reminder_sent',
  ])('%s passes: the object is a thing the user acted on', (name) => {
    expect(eventErrors(name)).toEqual([]);
  });

  it.each([
    'user_assigned_to_cohort', 'user_entered_segment', 'cohort_changed', 'churn_predicted', 'churn_risk_increased', 'lifetime_value_updated',
    'lifetime_orders_reached', 'churned_user_emailed', 'user_tier_changed', 'mrr_updated', 'ltv_exported', 'cohort_membership_calculated',
    'user_moved_to_churn_risk_segment',
  ])('%s fails: the word is a verdict (after the verb, with a judging verb, or qualifying a person or a measure)', (name) => {
    expect(eventErrors(name).length).toBeGreaterThan(0);
  });
});

describe('verbs that record a conclusion', () => {
  it.each([
    'cart_abandoned', 'checkout_abandoned', 'signup_abandoned', 'visitor_bounced', 'session_bounced', 'customer_lapsed', 'subscriber_lapsed',
    'user_dropped_off', 'traffic_spiked', 'signups_surged', 'revenue_dropped', 'mrr_decreased', 'activity_level_decreased',
    'conversion_rate_increased', 'streak_lost', 'streak_extended', 'reading_streak_broken', 'sale_attributed_to_campaign',
    'conversion_credited_to_channel', 'signup_attributed_to_referrer', 'revenue_attributed', 'basket_abandoned', 'onboarding_abandoned',
    'landing_page_bounced', 'visitor_lapsed', 'sessions_dropped', 'engagement_plummeted', 'revenue_grew', 'retention_improved', 'dau_increased',
    'order_volume_increased', 'streak_ended', 'streak_reset', 'purchase_credited_to_ad', 'conversion_assigned_to_campaign',
  ])('%s fails', (name) => {
    expect(eventErrorsOf(name, eventNameDerivedProblem).length).toBeGreaterThan(0);
  });

  it.each([
    'email_bounced', 'sms_bounced', 'policy_lapsed', 'subscription_lapsed', 'file_dropped', 'pin_dropped', 'call_dropped', 'package_dropped_off',
    'price_changed', 'item_quantity_increased', 'volume_changed', 'font_size_increased', 'zoom_level_changed', 'battery_level_dropped',
    'points_credited', 'wallet_credited', 'bonus_credited_to_wallet', 'install_attributed', 'form_submitted', 'message_bounced',
    'email_hard_bounced', 'license_lapsed', 'connection_dropped', 'gift_card_credited', 'usage_limit_increased', 'quota_increased',
    'rank_changed', 'video_bitrate_dropped', 'task_assigned_to_user',
  ])('%s passes: the same verbs on a thing are facts', (name) => {
    expect(eventErrors(name)).toEqual([]);
  });

  it('says what to record instead of an abandonment', () => {
    const { message, suggestion } = eventNameDerivedProblem('form_abandoned')!;
    expect(message).toMatch(/did not happen/);
    expect(suggestion).toContain('`form_started`');
    expect(suggestion).toContain('`form_submitted`');
    expect(suggestion).toMatch(/abandonment in SQL/);
  });

  it('names attribution and where the source belongs', () => {
    const { message, suggestion } = eventNameDerivedProblem('revenue_credited_to_campaign')!;
    expect(message).toMatch(/attribution/);
    expect(suggestion).toMatch(/utm_campaign/);
  });
});

describe('an adjective after the verb: what the object was made or became', () => {
  it.each([
    'file_made_public', 'task_marked_complete', 'build_turned_green', 'profile_set_private', 'user_fell_asleep', 'repo_made_private',
    'door_left_open', 'order_placed_online',
  ])('%s is an action with its result (no error)', (name) => {
    expect(eventErrors(name)).toEqual([]);
  });

  it.each([
    'user_went_idle', 'user_became_inactive', 'visitor_went_dormant', 'session_went_idle', 'customer_became_loyal', 'page_viewed_daily',
    'checkout_completed_mobile',
  ])('%s is refused (a conclusion, a metric, or no complement at all)', (name) => {
    expect(eventErrors(name).length).toBeGreaterThan(0);
  });

  it('never suggests a past tense of the adjective', () => {
    expect(eventNameDerivedProblem('user_went_idle')).toMatchObject({ message: expect.stringMatching(/became `idle` is read off a history/), suggestion: expect.stringContaining('find idle users in SQL') });
    expect(eventNameVerbProblem('user_went_idle')).toBeUndefined();
    expect(eventNameDerivedProblem('page_viewed_daily')?.suggestion).toBe('Record `page_viewed` each time it happens, and count it per day in SQL.');
  });
});

describe('durations and countdowns', () => {
  it.each([
    'render_time_ms', 'upload_duration_ms', 'video_duration_s', 'download_time_ms', 'time_to_first_byte_ms', 'time_to_interactive_ms',
    'trial_length_days', 'call_duration_s', 'song_length_s', 'page_load_time', 'time_remaining_s', 'result_position', 'item_position',
    'processing_time_ms', 'query_duration_ms', 'workout_length_min', 'seats_remaining', 'items_left_in_stock', 'delivery_eta_minutes',
  ])('%s is measured inside the action (no error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).not.toBe('error');
  });

  it.each([
    'session_length_s', 'visit_length', 'session_time_ms', 'days_until_trial_end', 'days_left', 'trial_days_remaining', 'weeks_to_renewal',
    'hours_to_expiry', 'time_to_first_purchase_h', 'days_between_orders', 'days_to_convert', 'time_between_sessions',
    'session_duration_s', 'visit_time_s', 'months_until_renewal', 'renewal_in_days', 'expires_in_days', 'days_to_expiration', 'weeks_left', 'days_between_visits', 'session_seconds',
  ])('%s is computed across events or from state (error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).toBe('error');
  });

  it.each(['cohort_id', 'cohort_name', 'segment_id', 'persona_name', 'churn_reason', 'churn_feedback_text', 'lifetime_license_key'])('%s names the object acted on (no error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).not.toBe('error');
  });

  it.each(['churned_user_id', 'user_cohort_id', 'cohort_size', 'cohort_week', 'churn_probability'])('%s is still a verdict (error)', (name) => {
    expect(propertyDerivedProblem(name)?.severity).toBe('error');
  });

  it('explains a countdown with a fix', () => {
    const p = propertyDerivedProblem('days_left_in_trial')!;
    expect(p.message).toMatch(/countdown/);
    expect(p.suggestion).toMatch(/trial_ends_at/);
  });
});
