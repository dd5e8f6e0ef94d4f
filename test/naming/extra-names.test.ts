// Realistic names beyond the corpus, written for these tests, on both sides of every rule.
import { describe, expect, it } from 'vitest';
import { eventNameDerivedProblem, eventNameStateProblem, eventNameVerbProblem, propertyDerivedProblem } from '../../src/naming/index.js';

const eventErrors = (name: string) => [eventNameVerbProblem(name), eventNameStateProblem(name), eventNameDerivedProblem(name)]
  .filter((p) => p?.severity === 'error').map((p) => p!.message);

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
