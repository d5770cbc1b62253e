// "Show more" under a cursor-paged list (see usePagedList).
import { useI18n } from '../../lib/i18n';
import { ErrorState } from '../../components/ui';

export function MoreButton({ list }: { list: { more: boolean; loadingMore: boolean; moreError: unknown; loadMore: () => void } }) {
  const { t } = useI18n();
  if (!list.more) return null;
  return (
    <div class="adm-more">
      {list.moreError ? <ErrorState error={list.moreError} /> : null}
      <button type="button" class="btn" disabled={list.loadingMore} onClick={list.loadMore}>
        {list.loadingMore ? t('ui.loading') : t('admin.show_more')}
      </button>
    </div>
  );
}
