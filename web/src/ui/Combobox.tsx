// A text field with a list of suggestions: the WAI-ARIA APG combobox pattern with a listbox popup
// and list autocomplete (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). The focus stays in
// the field; the arrow keys move a visual focus (aria-activedescendant) through the options; Enter
// chooses the active option; Escape closes the list, then clears the field.
// `inline` keeps the list displayed under the field (a search page) instead of as a popup.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';

export interface ComboboxProps<T> {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  value: string;
  onValueChange: (value: string) => void;
  options: readonly T[];
  optionKey: (option: T) => string | number;
  renderOption: (option: T, active: boolean) => ReactNode;
  onSelect: (option: T) => void;
  /** The accessible name of the list. */
  listLabel: string;
  /** A short status shown and announced under the field: counts, "searching", "no result". */
  status?: ReactNode;
  inline?: boolean;
  /** Enter without an active option (e.g. open the only result). */
  onEnterWithoutOption?: () => void;
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  error?: ReactNode;
  className?: string;
  placeholder?: string;
}

export function Combobox<T>(props: ComboboxProps<T>) {
  const {
    id, label, hint, value, onValueChange, options, optionKey, renderOption, onSelect, listLabel, status,
    inline = false, onEnterWithoutOption, autoFocus, inputRef, error, className, placeholder,
  } = props;
  const uid = useId();
  const listId = `${id}-list`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const optionId = (i: number) => `${uid}-option-${i}`.replace(/:/g, '');
  const [active, setActive] = useState(-1);
  const [popupOpen, setPopupOpen] = useState(false);
  const listRef = useRef<HTMLUListElement>(null);

  // New options: no option is active any more.
  const keys = options.map(optionKey).join('|');
  useEffect(() => setActive(-1), [keys]);

  const expanded = options.length > 0 && (inline || popupOpen);

  useEffect(() => {
    if (active < 0 || !expanded) return;
    const el = listRef.current?.querySelector<HTMLElement>(`#${CSS.escape(optionId(active))}`);
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [active, expanded]); // eslint-disable-line react-hooks/exhaustive-deps

  const choose = (i: number) => {
    const option = options[i];
    if (option === undefined) return;
    setPopupOpen(false);
    onSelect(option);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = options.length;
    switch (e.key) {
      case 'ArrowDown':
        if (n === 0) return;
        e.preventDefault();
        if (!expanded) {
          setPopupOpen(true);
          if (!e.altKey) setActive(0);
          return;
        }
        if (!e.altKey) setActive((a) => (a + 1 >= n ? 0 : a + 1));
        return;
      case 'ArrowUp':
        if (n === 0) return;
        e.preventDefault();
        if (!expanded) setPopupOpen(true);
        setActive((a) => (a <= 0 ? n - 1 : a - 1));
        return;
      case 'Enter':
        if (expanded && active >= 0) {
          e.preventDefault();
          choose(active);
        } else if (onEnterWithoutOption) {
          e.preventDefault();
          onEnterWithoutOption();
        }
        return;
      case 'Escape':
        if (!inline && popupOpen && n > 0) {
          e.preventDefault();
          setPopupOpen(false);
          setActive(-1);
        } else if (active >= 0) {
          e.preventDefault();
          setActive(-1);
        } else if (value !== '') {
          e.preventDefault();
          onValueChange('');
        }
        return;
      case 'Home':
      case 'End':
        // The caret moves in the text; the visual focus leaves the list.
        setActive(-1);
        return;
      default:
    }
  };

  const describedBy = [hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;

  return (
    <div className={['combobox', inline ? 'combobox--inline' : 'combobox--popup', className ?? ''].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <div className="field__error" id={errorId}>
          {error}
        </div>
      )}
      <div className="combobox__field">
        <input
          id={id}
          ref={inputRef}
          type="text"
          role="combobox"
          className="input combobox__input"
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          value={value}
          placeholder={placeholder}
          // A page whose purpose is this field may focus it (the household search, after a navigation).
          autoFocus={autoFocus} // eslint-disable-line jsx-a11y/no-autofocus
          onChange={(e) => {
            onValueChange(e.target.value);
            setPopupOpen(true);
            setActive(-1);
          }}
          onKeyDown={onKeyDown}
          onFocus={() => setPopupOpen(true)}
          onBlur={() => {
            if (!inline) setPopupOpen(false);
            setActive(-1);
          }}
        />
      </div>
      <div className="combobox__status" role="status">
        {status}
      </div>
      <ul id={listId} ref={listRef} role="listbox" aria-label={listLabel} className="combobox__list" hidden={!expanded}>
        {options.map((o, i) => (
          <li
            key={optionKey(o)}
            id={optionId(i)}
            role="option"
            aria-selected={i === active}
            className={i === active ? 'combobox__option combobox__option--active' : 'combobox__option'}
            // Keep the focus in the field when an option is clicked.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => choose(i)}
          >
            {renderOption(o, i === active)}
          </li>
        ))}
      </ul>
    </div>
  );
}
